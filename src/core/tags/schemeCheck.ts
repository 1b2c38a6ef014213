/**
 * @file Checks that tags follow their scheme, naming the line of every slip, and repairs the slips whose fix is
 * clear. "Clear" means the conlleval reading (getSpans) of the tags already says which entity was meant: an I-PER
 * after O is a PER entity, so IOB2 wants B-PER there. A type change inside an entity (B-PER I-LOC) has no clear
 * reading, and neither has a tag outside every scheme; those are reported and left as they are.
 */
import { diagnosticLog, type DiagnosticLog } from '../formats/diagnosticLog';
import { convertScheme, getSpans, splitTag, type TagScheme } from './tags';
import type { Diagnostic, Sentence } from '../types';

export type SchemeIssueKind =
  | 'unknownTag' // fits no scheme: 'PER', 'B-', 'b-per'
  | 'mixedScheme' // E-/S- in an IOB2 file, L-/U- in an IOBES file...
  | 'typeChange' // B-PER I-LOC: the entity changes type part-way
  | 'noBegin' // IOB2: I-X after O or after another entity
  | 'strayBegin' // IOB1: B-X not right after an X entity
  | 'noStart' // IOBES / BILOU: I-X or E-X (L-X) with no B-X before it
  | 'unclosed'; // IOBES / BILOU: B-X or I-X not followed by I-X or E-X (L-X)

export interface SchemeIssue {
  kind: SchemeIssueKind;
  /** Token position in the sentence. */
  token: number;
  /** Reads on from "FILE line N ". */
  message: string;
}

export const isRepairable = (kind: SchemeIssueKind) => kind !== 'unknownTag' && kind !== 'typeChange';

const WELL_FORMED = /^[BIESLU]-./s;
const SCHEMES: readonly TagScheme[] = ['IOB1', 'IOB2', 'IOBES', 'BILOU'];
const PREFIXES: Record<TagScheme, string> = { IOB1: 'BIO', IOB2: 'BIO', IOBES: 'BIOES', BILOU: 'BIOLU' };
const FAMILY: Record<string, string> = { E: 'an IOBES', S: 'an IOBES', L: 'a BILOU', U: 'a BILOU' };
/** The prefix that ends a multi-token entity and the one for a single-token entity, where the scheme has them. */
const CLOSE: Partial<Record<TagScheme, { last: string; single: string }>> = {
  IOBES: { last: 'E', single: 'S' },
  BILOU: { last: 'L', single: 'U' },
};

interface Tok {
  prefix: string;
  type: string;
  tag: string;
  wellFormed: boolean;
}
// A corpus has a few dozen distinct tags and millions of tokens: read each tag once (bounded, for junk input).
const TOKS = new Map<string, Tok>();
function readTok(tag: string): Tok {
  let tok = TOKS.get(tag);
  if (!tok) {
    const { prefix, type } = splitTag(tag);
    tok = { prefix, type, tag, wellFormed: tag === 'O' || WELL_FORMED.test(tag) };
    if (TOKS.size < 10_000) TOKS.set(tag, tok);
  }
  return tok;
}
const SENTENCE_START: Tok = { prefix: 'O', type: '', tag: 'O', wellFormed: true }; // not the cached 'O': compared by identity
/** After B- or I- an entity is still open: the next tag may continue it. */
const isOpen = (t: Tok) => t.wellFormed && (t.prefix === 'B' || t.prefix === 'I');

type Close = { last: string; single: string } | undefined;

/** Whether a tag may continue an open entity: I-, or the scheme's closing E- / L-. */
const continues = (t: Tok, close: Close) => t.prefix === 'I' || t.prefix === close?.last;

// Module-level helpers rather than closures made per token: this runs over every tag of a corpus.
function unclosed(issues: SchemeIssue[], at: number, open: Tok, close: Close): void {
  const next = close ? `I-${open.type} or ${close.last}-${open.type}` : '';
  issues.push({ kind: 'unclosed', token: at, message: `has ${open.tag}, not followed by ${next}: the entity is never closed` });
}

function issue(issues: SchemeIssue[], kind: SchemeIssueKind, token: number, tag: string, before: Tok, why: string): void {
  const after = before === SENTENCE_START ? 'at the sentence start' : `after ${before.tag}`;
  issues.push({ kind, token, message: `has ${tag} ${after}: ${why}` });
}

/** Every place where tags break the scheme, in token order. */
export function findSchemeIssues(tags: readonly string[], scheme: TagScheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const close = CLOSE[scheme];
  let prev = SENTENCE_START;

  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    const cur = readTok(tag);
    if (cur.prefix === 'O' && !isOpen(prev)) {
      prev = cur; // most tokens: O after O raises nothing in any scheme
      continue;
    }
    const before = prev;
    if (close && isOpen(prev) && !continues(cur, close)) unclosed(issues, i - 1, prev, close);
    if (!cur.wellFormed) {
      const message = `has the tag ${JSON.stringify(tag)}, which fits no tag scheme: expected O, or B-, I-, E-, S-, L- or U- and a type`;
      issues.push({ kind: 'unknownTag', token: i, message });
    } else if (!PREFIXES[scheme].includes(cur.prefix)) {
      issue(issues, 'mixedScheme', i, tag, before, `${FAMILY[cur.prefix]} tag in a ${scheme} file; the file mixes tag schemes`);
    } else if (scheme !== 'IOB1' && isOpen(prev) && continues(cur, close) && prev.type !== cur.type) {
      issue(issues, 'typeChange', i, tag, before, `the entity changes type part-way, and which type is meant is unclear`);
    } else if (scheme === 'IOB2' && cur.prefix === 'I' && !isOpen(prev)) {
      issue(issues, 'noBegin', i, tag, before, `IOB2 entities start with B-`);
    } else if (scheme === 'IOB1' && cur.prefix === 'B' && !(isOpen(prev) && prev.type === cur.type)) {
      issue(issues, 'strayBegin', i, tag, before, `in IOB1, B- only separates two adjacent ${cur.type} entities`);
    } else if (close && continues(cur, close) && !isOpen(prev)) {
      issue(issues, 'noStart', i, tag, before, `the entity has no start (B-${cur.type}, or ${close.single}-${cur.type} for one token)`);
    }
    prev = cur;
  }
  if (close && isOpen(prev)) unclosed(issues, tags.length - 1, prev, close);
  return issues.length > 1 ? issues.sort((a, b) => a.token - b.token) : issues;
}

/** Where in its file a token is: column files hold one token per line, JSON records one sentence per line. */
export type LineOf = (sentence: Sentence, token: number) => number | undefined;
export const columnLineOf: LineOf = (s, token) => (s.line === undefined ? undefined : s.line + token);
export const recordLineOf: LineOf = (s) => s.line;

/** Warnings for every scheme slip, each naming the file and line (capped, with a count of the rest). */
export function validateScheme(sentences: readonly Sentence[], scheme: TagScheme, file: string, lineOf: LineOf = columnLineOf): Diagnostic[] {
  const log = diagnosticLog(file);
  sentences.forEach((sentence, n) => {
    for (const issue of findSchemeIssues(sentence.tags, scheme)) {
      const line = lineOf(sentence, issue.token);
      const where = line === undefined ? `sentence ${n + 1} token ${issue.token + 1} ` : '';
      log.add('warning', `${where}${issue.message}`, line);
    }
  });
  return log.finish();
}

/**
 * validateScheme for a file that streams by before its scheme is known: each sentence is checked against every
 * scheme, and diagnostics(scheme) gives what validateScheme would have given for the scheme the vote chose.
 */
export class StreamingSchemeCheck {
  private readonly logs: Record<TagScheme, DiagnosticLog>;
  private n = 0;

  constructor(
    file: string,
    private readonly lineOf: LineOf = columnLineOf,
  ) {
    this.logs = { IOB1: diagnosticLog(file), IOB2: diagnosticLog(file), IOBES: diagnosticLog(file), BILOU: diagnosticLog(file) };
  }

  add(sentence: Sentence): void {
    this.n++;
    if (sentence.tags.every((t) => t === 'O')) return; // no scheme finds fault with O alone
    for (const scheme of SCHEMES) {
      for (const issue of findSchemeIssues(sentence.tags, scheme)) {
        const line = this.lineOf(sentence, issue.token);
        const where = line === undefined ? `sentence ${this.n} token ${issue.token + 1} ` : '';
        this.logs[scheme].add('warning', `${where}${issue.message}`, line);
      }
    }
  }

  diagnostics(scheme: TagScheme): Diagnostic[] {
    return this.logs[scheme].finish();
  }
}

/**
 * The tags with every repairable slip fixed: each entity of the conlleval reading is re-tagged in the scheme,
 * except entities that take part in a slip without a clear fix, which keep their tags. Valid tags come back unchanged.
 */
export function repairTags(tags: readonly string[], scheme: TagScheme): { tags: string[]; repaired: number } {
  const issues = findSchemeIssues(tags, scheme);
  if (issues.length === 0) return { tags: [...tags], repaired: 0 };
  const frozen = new Set<number>();
  for (const { kind, token } of issues) {
    if (kind === 'unknownTag') frozen.add(token);
    if (kind === 'typeChange') frozen.add(token).add(token - 1);
  }
  const out = convertScheme([...tags], scheme);
  for (const { start, end } of getSpans([...tags])) {
    let keep = false;
    for (let k = start; k < end; k++) keep ||= frozen.has(k);
    if (keep) for (let k = start; k < end; k++) out[k] = tags[k];
  }
  return { tags: out, repaired: out.filter((t, k) => t !== tags[k]).length };
}

/** repairTags over a file's sentences; sentences that need no repair are returned as they were. */
export function repairSentences(sentences: readonly Sentence[], scheme: TagScheme): { sentences: Sentence[]; repaired: number } {
  let repaired = 0;
  const out = sentences.map((s) => {
    const r = repairTags(s.tags, scheme);
    repaired += r.repaired;
    return r.repaired > 0 ? { ...s, tags: r.tags } : s;
  });
  return { sentences: out, repaired };
}
