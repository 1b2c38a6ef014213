/**
 * @file Tags that are no tag at all in any scheme: a lone prefix (`B-`), a prefix in the wrong case (`b-per`, `o`),
 * an unknown prefix (`X-PER`), a bare word (`PER`, `NNP`). Trained as labels they would quietly become classes of
 * their own, so a sentence holding one is skipped with an error naming its line; on request the ones whose meaning
 * is clear are repaired instead (case, and `_` for `-`: `b-per` -> `B-PER`, `o` -> `O`, `B_PER` -> `B-PER`).
 */
import { diagnosticLog } from '../formats/diagnosticLog';
import type { Diagnostic, Sentence } from '../types';
import type { LineOf } from './schemeCheck';

const WELL_FORMED = /^(O|[BIESLU]-\S.*)$/s;
const CASE_OR_DASH = /^([BIESLUbieslu])[-_](\S.*)$/s;

// A corpus has a few dozen distinct tags and millions of tokens: test each tag once (bounded, for junk input).
const FORMED = new Map<string, boolean>();
function wellFormed(tag: string): boolean {
  let ok = FORMED.get(tag);
  if (ok === undefined) {
    ok = WELL_FORMED.test(tag);
    if (FORMED.size < 10_000) FORMED.set(tag, ok);
  }
  return ok;
}

/** The types well-formed tags use, keyed by their lower case: what a repaired tag's type is matched against. */
export function knownTypes(sentences: Iterable<{ tags: readonly string[] }>): Map<string, string> {
  const counts = new Map<string, number>();
  for (const s of sentences) countTypes(s.tags, counts);
  return typeSpellings(counts);
}

/** Adds the types of well-formed tags to `counts` (type -> tags), for knownTypes over a file that streams by. */
export function countTypes(tags: readonly string[], counts: Map<string, number>): void {
  for (const tag of tags) if (tag !== 'O' && wellFormed(tag)) counts.set(tag.slice(2), (counts.get(tag.slice(2)) ?? 0) + 1);
}

/** knownTypes from counts of types. */
export function typeSpellings(counts: ReadonlyMap<string, number>): Map<string, string> {
  // Two spellings of one type (PER, per): the more frequent wins.
  const byLower = new Map<string, string>();
  for (const [type] of [...counts].sort((a, b) => b[1] - a[1])) if (!byLower.has(type.toLowerCase())) byLower.set(type.toLowerCase(), type);
  return byLower;
}

/**
 * The tag a malformed one clearly means, or null when its meaning is not clear. The type takes the spelling the
 * file's well-formed tags give it; a type the file has not seen is upper-cased when the prefix was lower case
 * and the file's types are all upper case (`b-per` among `B-LOC` tags), else kept as written.
 */
export function repairedTag(tag: string, types: ReadonlyMap<string, string>): string | null {
  if (tag === 'o') return 'O';
  const m = CASE_OR_DASH.exec(tag);
  if (!m || WELL_FORMED.test(tag)) return null;
  const [, prefix, type] = m;
  const known = types.get(type.toLowerCase());
  const allUpper = types.size > 0 && [...types.values()].every((t) => t === t.toUpperCase());
  const spelled = known ?? (prefix === prefix.toLowerCase() && allUpper ? type.toUpperCase() : type);
  return `${prefix.toUpperCase()}-${spelled}`;
}

/** What is wrong with a malformed tag, for the message. */
function why(tag: string): string {
  if (/^[BIESLU]-?$/i.test(tag)) return 'a prefix with no type';
  if (tag === 'o' || /^[bieslu][-_]/.test(tag)) return 'a prefix in lower case';
  if (/^[BIESLU]_/.test(tag)) return 'an underscore where the dash belongs';
  if (/^[BIESLU]-/.test(tag)) return 'a blank where the type starts';
  if (/^[A-Za-z][-_]/.test(tag)) return 'an unknown prefix';
  return 'no prefix';
}

export interface TagFormResult {
  sentences: Sentence[];
  diagnostics: Diagnostic[];
}


/**
 * Checks sentences one at a time (so a streamed file can be checked too): check() gives the sentence back, repaired
 * where `repair` allows, or null when it holds a malformed tag, logging an error naming the file and line.
 * `types` (see knownTypes) spells repaired types and the hint in the message.
 */
export class TagFormCheck {
  private readonly log;
  private repaired = 0;

  /** where.column names the column in messages ("gold column"); where.consequence says what became of the sentence. */
  constructor(
    private readonly file: string,
    private readonly lineOf: LineOf,
    private readonly types: ReadonlyMap<string, string>,
    private readonly repair = false,
    private readonly where: { column?: string; consequence?: string } = {},
  ) {
    this.log = diagnosticLog(file);
  }

  /** `n`: the sentence's 0-based number in its file, for formats without lines. */
  check(s: Sentence, n: number): Sentence | null {
    if (s.tags.every(wellFormed)) return s;
    const tags = this.repair ? s.tags.map((t) => (wellFormed(t) ? t : (repairedTag(t, this.types) ?? t))) : s.tags;
    const bad = tags.findIndex((t) => !wellFormed(t));
    if (bad < 0) {
      this.repaired += tags.filter((t, i) => t !== s.tags[i]).length;
      return { ...s, tags };
    }
    const tag = tags[bad];
    const line = this.lineOf(s, bad);
    const fix = repairedTag(tag, this.types);
    const hint = fix ? ` It clearly means ${fix}: the fix-tags option repairs such tags.` : '';
    const at = line === undefined ? `sentence ${n + 1} token ${bad + 1} ` : '';
    const column = this.where.column ? ` in the ${this.where.column}` : '';
    const consequence = this.where.consequence ?? 'its sentence was skipped';
    this.log.add('error', `${at}has the tag ${JSON.stringify(tag)}${column}, ${why(tag)}: expected O, or B-, I-, E-, S-, L- or U- and a type; ${consequence}.${hint}`, line);
    return null;
  }

  diagnostics(): Diagnostic[] {
    const { file } = this;
    const out = this.log.finish();
    if (this.repaired > 0) out.push({ severity: 'warning', file, message: `${file}: repaired ${this.repaired} tags whose meaning was clear (case, or _ for -)` });
    return out;
  }
}

/** Every sentence through one TagFormCheck: the sentences kept (repaired where asked) and the diagnostics. */
export function checkTagForms(sentences: readonly Sentence[], file: string, lineOf: LineOf, repair = false): TagFormResult {
  // Most files have no malformed tag: then nothing needs the types.
  const clean = sentences.every((s) => s.tags.every(wellFormed));
  if (clean) return { sentences: [...sentences], diagnostics: [] };
  const check = new TagFormCheck(file, lineOf, knownTypes(sentences), repair);
  const out: Sentence[] = [];
  sentences.forEach((s, n) => {
    const kept = check.check(s, n);
    if (kept) out.push(kept);
  });
  return { sentences: out, diagnostics: check.diagnostics() };
}
