/**
 * @file Which label transitions a tag scheme allows, for the CRF's transition constraints (the model adds a large
 * negative score to the forbidden ones, in training and in decoding). Pure: label names and a scheme in, boolean
 * tables out, so the rules are tested without tfjs.
 *
 * The rules, with X and Y entity types (X != Y):
 * | scheme | to I-X only from      | to E-X / L-X only from | other forbidden                 | start cannot be | end cannot follow |
 * |--------|-----------------------|------------------------|---------------------------------|-----------------|-------------------|
 * | IOB2   | B-X, I-X              | -                      | -                               | I-              | -                 |
 * | IOB1   | -                     | -                      | B-X only after B-X or I-X       | B-              | -                 |
 * | IOBES  | B-X, I-X              | B-X, I-X               | B-, I- must go on to I-/E-      | I-, E-          | B-, I-            |
 * | BILOU  | B-X, I-X              | B-X, I-X               | B-, I- must go on to I-/L-      | I-, L-          | B-, I-            |
 * A label whose prefix the scheme lacks (an S- in IOB2 data) is left unconstrained: nothing is known about it.
 */
import { splitTag, type TagScheme } from './tags';

/** Row-major booleans: trans[i * K + j] says label i may be followed by label j. */
export interface AllowedTransitions {
  trans: boolean[]; // [K * K]
  start: boolean[]; // [K]: may open a sentence
  end: boolean[]; // [K]: may close a sentence
}

const PREFIXES: Record<TagScheme, string> = { IOB1: 'BIO', IOB2: 'BIO', IOBES: 'BIOES', BILOU: 'BIOLU' };

/** The prefix that closes a multi-token entity and the one for a single token, where the scheme has them. */
const CLOSING: Partial<Record<TagScheme, { last: string; single: string }>> = {
  IOBES: { last: 'E', single: 'S' },
  BILOU: { last: 'L', single: 'U' },
};

interface Label {
  prefix: string;
  type: string;
  /** The scheme knows this prefix; otherwise the label is left unconstrained. */
  known: boolean;
}

function readLabel(name: string, scheme: TagScheme): Label {
  const { prefix, type } = splitTag(name);
  // A bare type ('PER') reads as I- in splitTag but is no scheme tag: leave it alone.
  const written = prefix === 'O' || name.startsWith(`${prefix}-`);
  return { prefix, type, known: written && PREFIXES[scheme].includes(prefix) };
}

/** May `to` follow `from` in `scheme`? Both labels are known to the scheme. */
function follows(from: Label, to: Label, scheme: TagScheme): boolean {
  const sameEntity = from.type === to.type && from.prefix !== 'O';
  const close = CLOSING[scheme];
  if (scheme === 'IOB1') return to.prefix !== 'B' || sameEntity;
  if (scheme === 'IOB2') return to.prefix !== 'I' || (sameEntity && (from.prefix === 'B' || from.prefix === 'I'));
  // IOBES / BILOU: an open entity (B-, I-) must go on with I- or the closing tag of its own type, and those two
  // may only continue an open entity.
  const open = from.prefix === 'B' || from.prefix === 'I';
  const continues = to.prefix === 'I' || to.prefix === close!.last;
  return open ? continues && sameEntity : !continues;
}

/**
 * The transitions `scheme` allows between `labels` (in id order), the labels a sentence may start with and the
 * ones it may end with.
 */
export function allowedTransitions(labels: readonly string[], scheme: TagScheme): AllowedTransitions {
  const K = labels.length;
  const read = labels.map((l) => readLabel(l, scheme));
  const trans = new Array<boolean>(K * K).fill(true);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      if (read[i].known && read[j].known) trans[i * K + j] = follows(read[i], read[j], scheme);
    }
  }
  const close = CLOSING[scheme];
  const start = read.map((l) => {
    if (!l.known) return true;
    if (scheme === 'IOB1') return l.prefix !== 'B';
    return l.prefix !== 'I' && l.prefix !== close?.last;
  });
  const end = read.map((l) => !l.known || !close || (l.prefix !== 'B' && l.prefix !== 'I'));
  return { trans, start, end };
}

/**
 * The scheme to constrain with, read from label names alone (a checkpoint has the labels but not the data): L-/U-
 * mean BILOU, E-/S- IOBES, B- with I- IOB2. Names cannot tell IOB1 from IOB2, and IOB2 is the common one; IOB1 data
 * breaks IOB2's rules, which firstForbidden finds before training. Null when there is nothing to constrain (IO
 * labels, or no B- at all).
 */
export function schemeFromLabels(labels: readonly string[]): TagScheme | null {
  const prefixes = new Set(labels.filter((l) => /^[BIESLU]-./s.test(l)).map((l) => l[0]));
  if (prefixes.has('L') || prefixes.has('U')) return 'BILOU';
  if (prefixes.has('E') || prefixes.has('S')) return 'IOBES';
  if (prefixes.has('B') && prefixes.has('I')) return 'IOB2';
  return null;
}

export interface ForbiddenTransition {
  /** Index of the sentence in the list given. */
  sentence: number;
  /** Token position of the second label; -1 for the sentence's first label ('start'), the length for 'end'. */
  token: number;
  from: string;
  to: string;
}

/** The first place where gold label ids break `allowed`, and how many sentences do; null first when none does. */
export function firstForbidden(
  sequences: readonly ArrayLike<number>[],
  labels: readonly string[],
  allowed: AllowedTransitions,
): { first: ForbiddenTransition | null; sentences: number } {
  const K = labels.length;
  let first: ForbiddenTransition | null = null;
  let sentences = 0;
  sequences.forEach((ids, s) => {
    const n = ids.length;
    if (n === 0) return;
    let bad: ForbiddenTransition | null = null;
    if (!allowed.start[ids[0]]) bad = { sentence: s, token: 0, from: 'start', to: labels[ids[0]] };
    for (let t = 1; t < n && !bad; t++) {
      if (!allowed.trans[ids[t - 1] * K + ids[t]]) bad = { sentence: s, token: t, from: labels[ids[t - 1]], to: labels[ids[t]] };
    }
    if (!bad && !allowed.end[ids[n - 1]]) bad = { sentence: s, token: n, from: labels[ids[n - 1]], to: 'end' };
    if (bad) {
      sentences++;
      first ??= bad;
    }
  });
  return { first, sentences };
}

/** The constraints for a label set, its scheme read from the names; null when the names follow no scheme. */
export function constraintsForLabels(labels: readonly string[]): AllowedTransitions | null {
  const scheme = schemeFromLabels(labels);
  return scheme ? allowedTransitions(labels, scheme) : null;
}
