/** @file Tag schemes and entity spans, matching seqeval so scores here equal the ones papers report. */
import type { Span } from '../types';

export type TagScheme = 'IOB1' | 'IOB2' | 'IOBES' | 'BILOU';
export type StrictScheme = 'IOB2' | 'IOBES' | 'BILOU';

const PREFIXES = new Set(['B', 'I', 'O', 'E', 'S', 'L', 'U']);

/**
 * 'B-PER' -> {B, PER}; 'O' -> {O, ''}. A tag whose part before the first '-' is not a known prefix
 * ('PER', 'geo-loc') is a bare type inside an entity, prefix 'I'. A lone prefix letter ('B') has type ''.
 */
export function splitTag(tag: string): { prefix: string; type: string } {
  if (tag === 'O') return { prefix: 'O', type: '' };
  if (PREFIXES.has(tag)) return { prefix: tag, type: '' };
  const dash = tag.indexOf('-');
  if (dash > 0 && PREFIXES.has(tag.slice(0, dash))) return { prefix: tag.slice(0, dash), type: tag.slice(dash + 1) };
  return { prefix: 'I', type: tag };
}

function joinTag(prefix: string, type: string): string {
  return type ? `${prefix}-${type}` : prefix;
}

// seqeval's default mode knows only B/I/E/S; BILOU's L and U are the same roles, so reading them as E and S lets
// BILOU output score the way its IOBES twin would instead of merging adjacent entities.
const DEFAULT_ALIAS: Record<string, string> = { L: 'E', U: 'S' };

/** seqeval end_of_chunk: did a chunk end between the previous token and this one? */
function endsChunk(prev: string, cur: string, prevType: string, type: string): boolean {
  if (prev === 'E' || prev === 'S') return true;
  if ((prev === 'B' || prev === 'I') && (cur === 'B' || cur === 'S' || cur === 'O')) return true;
  return prev !== 'O' && prevType !== type;
}

/** seqeval start_of_chunk: does a chunk start at this token? */
function startsChunk(prev: string, cur: string, prevType: string, type: string): boolean {
  if (cur === 'B' || cur === 'S') return true;
  if ((prev === 'E' || prev === 'S' || prev === 'O') && (cur === 'E' || cur === 'I')) return true;
  return cur !== 'O' && prevType !== type;
}

/**
 * Entities the lenient, conlleval way (seqeval's default mode): an I- after O or after another type opens an
 * entity, so IOB1, IOB2 and sloppy predictions all read sensibly. End is exclusive.
 */
export function getSpans(tags: string[]): Span[] {
  const spans: Span[] = [];
  let prev = 'O';
  let prevType = '';
  let begin = 0;
  // One step past the end with a virtual 'O' closes a trailing entity.
  for (let i = 0; i <= tags.length; i++) {
    const { prefix, type } = i < tags.length ? splitTag(tags[i]) : { prefix: 'O', type: '' };
    const cur = DEFAULT_ALIAS[prefix] ?? prefix;
    if (endsChunk(prev, cur, prevType, type)) spans.push({ type: prevType, start: begin, end: i });
    if (startsChunk(prev, cur, prevType, type)) begin = i;
    prev = cur;
    prevType = type;
  }
  return spans;
}

// Strict mode follows seqeval's scheme.py: a table of (previous prefix, current prefix, type condition) patterns.
type Cond = 'any' | 'same' | 'diff';
type Pattern = readonly [prev: string, cur: string, cond: Cond];
interface SchemeRules {
  allowed: string;
  start: Pattern[];
  inside: Pattern[];
  end: Pattern[];
}

const STRICT_RULES: Record<StrictScheme, SchemeRules> = {
  IOB2: {
    allowed: 'BIO',
    start: [['*', 'B', 'any']],
    inside: [['B', 'I', 'same'], ['I', 'I', 'same']],
    end: [['I', 'O', 'any'], ['I', 'I', 'diff'], ['I', 'B', 'any'], ['B', 'O', 'any'], ['B', 'I', 'diff'], ['B', 'B', 'any']],
  },
  IOBES: {
    allowed: 'BIOES',
    start: [['*', 'B', 'any'], ['*', 'S', 'any']],
    inside: [['B', 'I', 'same'], ['B', 'E', 'same'], ['I', 'I', 'same'], ['I', 'E', 'same']],
    end: [['S', '*', 'any'], ['E', '*', 'any']],
  },
  BILOU: {
    allowed: 'BIOLU',
    start: [['*', 'B', 'any'], ['*', 'U', 'any']],
    inside: [['B', 'I', 'same'], ['B', 'L', 'same'], ['I', 'I', 'same'], ['I', 'L', 'same']],
    end: [['U', '*', 'any'], ['L', '*', 'any']],
  },
};

interface Tok {
  prefix: string;
  type: string;
}

function matches(patterns: Pattern[], prev: Tok, cur: Tok): boolean {
  return patterns.some(
    ([p, c, cond]) =>
      (p === '*' || p === prev.prefix) &&
      (c === '*' || c === cur.prefix) &&
      (cond === 'any' || (cond === 'same') === (prev.type === cur.type)),
  );
}

/**
 * seqeval strict mode: only entities well formed in the scheme count ('I-X I-X' is no IOB2 entity).
 * seqeval raises on a prefix the scheme lacks; a tagger's output should not crash scoring, so such a tag is read as O.
 */
export function getStrictSpans(tags: string[], scheme: StrictScheme): Span[] {
  const rules = STRICT_RULES[scheme];
  const O: Tok = { prefix: 'O', type: '' };
  const toks: Tok[] = tags.map((t) => {
    const s = splitTag(t);
    return rules.allowed.includes(s.prefix) ? s : O;
  });
  toks.push(O);
  const spans: Span[] = [];
  let prev = O;
  let i = 0;
  while (i < toks.length) {
    const tok = toks[i];
    if (matches(rules.start, prev, tok)) {
      let end = i + 1;
      let last = tok;
      while (end < toks.length && matches(rules.inside, last, toks[end])) last = toks[end++];
      // The trailing O is never inside, so end < toks.length here.
      if (matches(rules.end, toks[end - 1], toks[end])) spans.push({ type: tok.type, start: i, end });
      i = end;
    } else {
      i += 1;
    }
    prev = toks[i - 1];
  }
  return spans;
}

/**
 * Guess a corpus' scheme from the prefixes it uses: L-/U- mean BILOU, E-/S- mean IOBES. Otherwise count how entities
 * open (after O, another type or the sentence start): IOB2 when more open with B- than with I-, else IOB1. A vote,
 * not a first sighting, so one stray I- in an IOB2 file (or CoNLL-2003's two B-MISC after O) does not flip the answer.
 * Sentences are added one at a time, so a file can be judged as it streams by.
 */
export class SchemeVote {
  private bilou = false;
  private iobes = false;
  private opensWithB = 0;
  private opensWithI = 0;

  add(tags: readonly string[]): void {
    if (this.bilou) return;
    let prev: Tok = { prefix: 'O', type: '' };
    for (const tag of tags) {
      const cur = splitTag(tag);
      if (cur.prefix === 'L' || cur.prefix === 'U') {
        this.bilou = true;
        return;
      }
      if (cur.prefix === 'E' || cur.prefix === 'S') this.iobes = true;
      const opens = prev.prefix === 'O' || prev.type !== cur.type;
      // A bare type ('PER') reads as I- but says nothing about the scheme; only a written I- votes.
      if (opens && cur.prefix === 'I' && tag.startsWith('I-')) this.opensWithI++;
      if (opens && cur.prefix === 'B') this.opensWithB++;
      prev = cur;
    }
  }

  get scheme(): TagScheme {
    if (this.bilou) return 'BILOU';
    return this.iobes ? 'IOBES' : this.opensWithI > 0 && this.opensWithI >= this.opensWithB ? 'IOB1' : 'IOB2';
  }
}

export function detectScheme(sentences: readonly (readonly string[])[]): TagScheme {
  const vote = new SchemeVote();
  for (const tags of sentences) vote.add(tags);
  return vote.scheme;
}

/** Re-tag one sentence in another scheme, through the spans the default (lenient) reader finds. */
export function convertScheme(tags: string[], to: TagScheme): string[] {
  const out = tags.map(() => 'O');
  let prevSpan: Span | undefined;
  for (const span of getSpans(tags)) {
    const { type, start, end } = span;
    const single = end - start === 1;
    for (let i = start; i < end; i++) out[i] = joinTag('I', type);
    switch (to) {
      case 'IOB1':
        // IOB1 marks B- only where it is needed: an entity touching the previous one of the same type.
        if (prevSpan && prevSpan.end === start && prevSpan.type === type) out[start] = joinTag('B', type);
        break;
      case 'IOB2':
        out[start] = joinTag('B', type);
        break;
      case 'IOBES':
        if (single) out[start] = joinTag('S', type);
        else [out[start], out[end - 1]] = [joinTag('B', type), joinTag('E', type)];
        break;
      case 'BILOU':
        if (single) out[start] = joinTag('U', type);
        else [out[start], out[end - 1]] = [joinTag('B', type), joinTag('L', type)];
        break;
    }
    prevSpan = span;
  }
  return out;
}
