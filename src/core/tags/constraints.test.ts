import { describe, expect, it } from 'vitest';
import { allowedTransitions, firstForbidden, schemeFromLabels } from './constraints';
import { getStrictSpans, type TagScheme } from './tags';

const LABELS: Record<TagScheme, string[]> = {
  IOB1: ['O', 'B-LOC', 'B-PER', 'I-LOC', 'I-PER'],
  IOB2: ['O', 'B-LOC', 'B-PER', 'I-LOC', 'I-PER'],
  IOBES: ['O', 'B-LOC', 'B-PER', 'E-LOC', 'E-PER', 'I-LOC', 'I-PER', 'S-LOC', 'S-PER'],
  BILOU: ['O', 'B-LOC', 'B-PER', 'I-LOC', 'I-PER', 'L-LOC', 'L-PER', 'U-LOC', 'U-PER'],
};

/** Is `from -> to` allowed? 'start' and 'end' stand for the sentence boundaries. */
function allows(scheme: TagScheme, from: string, to: string): boolean {
  const labels = LABELS[scheme];
  const a = allowedTransitions(labels, scheme);
  if (from === 'start') return a.start[labels.indexOf(to)];
  if (to === 'end') return a.end[labels.indexOf(from)];
  return a.trans[labels.indexOf(from) * labels.length + labels.indexOf(to)];
}

describe('allowedTransitions', () => {
  it.each<[TagScheme, string, string, boolean]>([
    ['IOB2', 'O', 'I-PER', false],
    ['IOB2', 'B-LOC', 'I-PER', false],
    ['IOB2', 'I-LOC', 'I-PER', false],
    ['IOB2', 'B-PER', 'I-PER', true],
    ['IOB2', 'I-PER', 'I-PER', true],
    ['IOB2', 'O', 'B-PER', true],
    ['IOB2', 'I-PER', 'B-PER', true],
    ['IOB2', 'I-PER', 'O', true],
    ['IOB2', 'start', 'I-PER', false],
    ['IOB2', 'start', 'B-PER', true],
    ['IOB2', 'B-PER', 'end', true],
    ['IOB2', 'I-PER', 'end', true],
    ['IOB1', 'O', 'I-PER', true],
    ['IOB1', 'I-LOC', 'I-PER', true],
    ['IOB1', 'O', 'B-PER', false],
    ['IOB1', 'I-LOC', 'B-PER', false],
    ['IOB1', 'I-PER', 'B-PER', true],
    ['IOB1', 'B-PER', 'B-PER', true],
    ['IOB1', 'start', 'B-PER', false],
    ['IOB1', 'start', 'I-PER', true],
    ['IOBES', 'O', 'I-PER', false],
    ['IOBES', 'O', 'E-PER', false],
    ['IOBES', 'S-PER', 'I-PER', false],
    ['IOBES', 'E-PER', 'E-PER', false],
    ['IOBES', 'B-PER', 'I-PER', true],
    ['IOBES', 'B-PER', 'E-PER', true],
    ['IOBES', 'I-PER', 'E-PER', true],
    ['IOBES', 'B-PER', 'E-LOC', false],
    ['IOBES', 'B-PER', 'O', false],
    ['IOBES', 'I-PER', 'B-PER', false],
    ['IOBES', 'B-PER', 'S-PER', false],
    ['IOBES', 'E-PER', 'B-LOC', true],
    ['IOBES', 'S-PER', 'S-PER', true],
    ['IOBES', 'E-LOC', 'O', true],
    ['IOBES', 'start', 'I-PER', false],
    ['IOBES', 'start', 'E-PER', false],
    ['IOBES', 'start', 'S-PER', true],
    ['IOBES', 'B-PER', 'end', false],
    ['IOBES', 'I-PER', 'end', false],
    ['IOBES', 'E-PER', 'end', true],
    ['IOBES', 'O', 'end', true],
    ['BILOU', 'O', 'L-PER', false],
    ['BILOU', 'U-PER', 'I-PER', false],
    ['BILOU', 'B-PER', 'L-PER', true],
    ['BILOU', 'I-LOC', 'L-PER', false],
    ['BILOU', 'B-PER', 'U-PER', false],
    ['BILOU', 'L-PER', 'U-LOC', true],
    ['BILOU', 'start', 'L-PER', false],
    ['BILOU', 'start', 'U-PER', true],
    ['BILOU', 'B-PER', 'end', false],
    ['BILOU', 'L-PER', 'end', true],
  ])('%s: %s -> %s allowed: %s', (scheme, from, to, expected) => {
    expect(allows(scheme, from, to)).toBe(expected);
  });

  it('leaves labels the scheme does not know unconstrained', () => {
    const labels = ['O', 'B-PER', 'I-PER', 'S-LOC', 'MISC'];
    const a = allowedTransitions(labels, 'IOB2');
    for (const odd of [3, 4]) {
      expect(a.start[odd] && a.end[odd]).toBe(true);
      for (let k = 0; k < labels.length; k++) expect(a.trans[odd * 5 + k] && a.trans[k * 5 + odd]).toBe(true);
    }
  });

  it.each<TagScheme>(['IOB2', 'IOBES', 'BILOU'])('every well-formed %s sequence is allowed, and every allowed one is well formed', (scheme) => {
    // Enumerate all sequences of length 3 over the labels: allowed <=> strict decoding keeps every entity tag.
    const labels = LABELS[scheme];
    const a = allowedTransitions(labels, scheme);
    const K = labels.length;
    for (let code = 0; code < K ** 3; code++) {
      const ids = [Math.floor(code / K / K), Math.floor(code / K) % K, code % K];
      const tags = ids.map((i) => labels[i]);
      const allowed = firstForbidden([ids], labels, a).sentences === 0;
      // Well formed: writing the strict reading's entities back in the scheme gives the same tags.
      const rebuilt = tags.map(() => 'O');
      const [last, single] = scheme === 'IOBES' ? ['E', 'S'] : scheme === 'BILOU' ? ['L', 'U'] : ['I', 'B'];
      for (const { type, start, end } of getStrictSpans(tags, scheme as 'IOB2')) {
        for (let i = start; i < end; i++) rebuilt[i] = `${i === start ? 'B' : i === end - 1 ? last : 'I'}-${type}`;
        if (end - start === 1) rebuilt[start] = `${single}-${type}`;
      }
      const wellFormed = rebuilt.join(' ') === tags.join(' ');
      expect(allowed, tags.join(' ')).toBe(wellFormed);
    }
  });
});

describe('schemeFromLabels', () => {
  it.each<[string[], TagScheme | null]>([
    [['O', 'B-PER', 'I-PER'], 'IOB2'],
    [['O', 'B-PER', 'E-PER', 'I-PER', 'S-PER'], 'IOBES'],
    [['O', 'U-PER', 'B-PER', 'L-PER'], 'BILOU'],
    [['O', 'I-PER', 'I-LOC'], null],
    [['O', 'PER', 'LOC'], null],
  ])('%j -> %s', (labels, scheme) => {
    expect(schemeFromLabels(labels)).toBe(scheme);
  });
});

describe('firstForbidden', () => {
  it('names the first broken transition and counts the sentences', () => {
    const labels = LABELS.IOB2;
    const a = allowedTransitions(labels, 'IOB2');
    const id = (t: string) => t.split(' ').map((l) => labels.indexOf(l));
    const result = firstForbidden([id('B-PER I-PER O'), id('O O I-LOC'), id('I-PER O')], labels, a);
    expect(result).toEqual({ first: { sentence: 1, token: 2, from: 'O', to: 'I-LOC' }, sentences: 2 });
    expect(firstForbidden([id('I-PER O')], labels, a).first).toEqual({ sentence: 0, token: 0, from: 'start', to: 'I-PER' });
    const iobes = allowedTransitions(LABELS.IOBES, 'IOBES');
    const ids = ['O', 'B-PER'].map((l) => LABELS.IOBES.indexOf(l));
    expect(firstForbidden([ids], LABELS.IOBES, iobes).first).toEqual({ sentence: 0, token: 2, from: 'B-PER', to: 'end' });
  });
});
