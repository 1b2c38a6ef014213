import { describe, it, expect } from 'vitest';
import { convertScheme, detectScheme, getSpans, getStrictSpans, splitTag, type StrictScheme, type TagScheme } from './tags';

/** Spans as compact tuples [type, start, end) so tables stay readable. */
type T = [type: string, start: number, end: number];
const tuples = (spans: { type: string; start: number; end: number }[]): T[] => spans.map((s) => [s.type, s.start, s.end]);

describe('splitTag', () => {
  it.each<[string, string, string]>([
    ['B-PER', 'B', 'PER'],
    ['I-ORG', 'I', 'ORG'],
    ['E-LOC', 'E', 'LOC'],
    ['S-LOC', 'S', 'LOC'],
    ['L-MISC', 'L', 'MISC'],
    ['U-MISC', 'U', 'MISC'],
    ['O', 'O', ''],
    ['PER', 'I', 'PER'], // bare type, as if inside an entity
    ['B-ORG-COMPANY', 'B', 'ORG-COMPANY'], // type keeps its own dashes (seqeval: 'I-ORG-COMPANY' -> 'ORG-COMPANY')
    ['geo-loc', 'I', 'geo-loc'], // 'geo' is no prefix
    ['I-組織', 'I', '組織'],
    ['B', 'B', ''],
  ])('%s -> %s / %s', (tag, prefix, type) => {
    expect(splitTag(tag)).toEqual({ prefix, type });
  });
});

describe('getSpans (seqeval default mode)', () => {
  it.each<[string, string[], T[]]>([
    ['seqeval docstring', ['B-PER', 'I-PER', 'O', 'B-LOC'], [['PER', 0, 2], ['LOC', 3, 4]]],
    [
      'seqeval test_get_entities',
      ['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O', 'B-PER', 'I-PER'],
      [['MISC', 3, 6], ['PER', 7, 9]],
    ],
    ['empty', [], []],
    ['all O', ['O', 'O'], []],
    ['IOB1: I- opens, B- splits same type', ['I-PER', 'I-PER', 'B-PER', 'O'], [['PER', 0, 2], ['PER', 2, 3]]],
    ['I- after O opens', ['O', 'I-MISC', 'I-MISC'], [['MISC', 1, 3]]],
    ['I- of another type opens', ['I-PER', 'I-LOC'], [['PER', 0, 1], ['LOC', 1, 2]]],
    ['B- then I- of another type', ['B-PER', 'I-LOC'], [['PER', 0, 1], ['LOC', 1, 2]]],
    ['IOBES', ['B-PER', 'I-PER', 'E-PER', 'S-LOC', 'O'], [['PER', 0, 3], ['LOC', 3, 4]]],
    ['S S', ['S-PER', 'S-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    ['E then I: E closes, I reopens', ['E-PER', 'I-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    ['B E E', ['B-PER', 'E-PER', 'E-PER'], [['PER', 0, 2], ['PER', 2, 3]]],
    ['I then S', ['I-PER', 'S-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    ['B then S: B closes', ['B-PER', 'I-PER', 'S-PER'], [['PER', 0, 2], ['PER', 2, 3]]],
    ['BILOU read as IOBES', ['B-PER', 'L-PER', 'U-LOC', 'U-LOC'], [['PER', 0, 2], ['LOC', 2, 3], ['LOC', 3, 4]]],
    ['bare types', ['PER', 'PER', 'O', 'LOC'], [['PER', 0, 2], ['LOC', 3, 4]]],
    ['entity at the end', ['O', 'B-ORG', 'I-ORG'], [['ORG', 1, 3]]],
  ])('%s', (_name, tags, expected) => {
    expect(tuples(getSpans(tags))).toEqual(expected);
  });
});

// Tables from seqeval's tests/test_scheme.py (test_iob2_tokens, test_iobes_tokens, test_bilou_tokens).
describe('getStrictSpans (seqeval strict mode)', () => {
  const cases: [StrictScheme, string[], T[]][] = [
    ['IOB2', [], []],
    ['IOB2', ['B-PER'], [['PER', 0, 1]]],
    ['IOB2', ['I-PER'], []],
    ['IOB2', ['O', 'I-PER'], []],
    ['IOB2', ['O', 'B-PER'], [['PER', 1, 2]]],
    ['IOB2', ['I-PER', 'I-PER'], []],
    ['IOB2', ['I-PER', 'B-PER'], [['PER', 1, 2]]],
    ['IOB2', ['I-PER', 'B-ORG'], [['ORG', 1, 2]]],
    ['IOB2', ['B-PER', 'O'], [['PER', 0, 1]]],
    ['IOB2', ['B-PER', 'I-PER'], [['PER', 0, 2]]],
    ['IOB2', ['B-PER', 'I-ORG'], [['PER', 0, 1]]],
    ['IOB2', ['B-PER', 'B-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    ['IOB2', ['B-PER', 'B-ORG'], [['PER', 0, 1], ['ORG', 1, 2]]],
    ['IOBES', ['S-PER'], [['PER', 0, 1]]],
    ['IOBES', ['B-PER'], []],
    ['IOBES', ['I-PER', 'S-PER'], [['PER', 1, 2]]],
    ['IOBES', ['B-PER', 'I-PER'], []],
    ['IOBES', ['B-PER', 'E-PER'], [['PER', 0, 2]]],
    ['IOBES', ['B-PER', 'E-ORG'], []],
    ['IOBES', ['B-PER', 'S-PER'], [['PER', 1, 2]]],
    ['IOBES', ['E-PER', 'S-PER'], [['PER', 1, 2]]],
    ['IOBES', ['S-PER', 'E-PER'], [['PER', 0, 1]]],
    ['IOBES', ['S-PER', 'S-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    ['IOBES', ['B-PER', 'I-PER', 'I-PER', 'E-PER', 'O'], [['PER', 0, 4]]],
    ['BILOU', ['U-PER'], [['PER', 0, 1]]],
    ['BILOU', ['B-PER', 'L-PER'], [['PER', 0, 2]]],
    ['BILOU', ['B-PER', 'L-ORG'], []],
    ['BILOU', ['L-PER', 'U-PER'], [['PER', 1, 2]]],
    ['BILOU', ['U-PER', 'L-PER'], [['PER', 0, 1]]],
    ['BILOU', ['U-PER', 'U-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    // seqeval raises on a prefix the scheme lacks; here it reads as O so a stray tag cannot crash scoring.
    ['IOB2', ['B-PER', 'E-PER', 'B-LOC'], [['PER', 0, 1], ['LOC', 2, 3]]],
  ];
  it.each(cases)('%s %j', (scheme, tags, expected) => {
    expect(tuples(getStrictSpans(tags, scheme))).toEqual(expected);
  });
});

describe('detectScheme', () => {
  it.each<[string[][], TagScheme]>([
    [[], 'IOB2'],
    [[['O', 'O']], 'IOB2'],
    [[['B-PER', 'I-PER', 'O'], ['B-LOC']], 'IOB2'],
    [[['O', 'I-PER', 'I-PER']], 'IOB1'],
    [[['B-PER', 'I-PER'], ['I-LOC']], 'IOB1'], // an I- at a sentence start opens an entity
    [[['B-PER', 'I-LOC']], 'IOB1'], // I- after another type opens an entity
    [[['I-PER', 'B-PER']], 'IOB1'],
    [[['B-PER', 'O', 'B-LOC', 'O', 'I-ORG']], 'IOB2'], // two B- openings outvote one stray I-
    [[['I-PER', 'O', 'B-LOC']], 'IOB1'], // a tie reads as IOB1, whose readers accept both
    [[['B-PER', 'E-PER'], ['S-LOC']], 'IOBES'],
    [[['O', 'S-LOC']], 'IOBES'],
    [[['B-PER', 'L-PER']], 'BILOU'],
    [[['U-LOC']], 'BILOU'],
  ])('%j -> %s', (sentences, expected) => {
    expect(detectScheme(sentences)).toBe(expected);
  });
});

describe('convertScheme', () => {
  it.each<[string[], TagScheme, string[]]>([
    [['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC'], 'IOB2', ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC']],
    [['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC', 'B-ORG'], 'IOB1', ['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG']],
    [['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC'], 'IOBES', ['B-PER', 'I-PER', 'E-PER', 'O', 'S-LOC', 'S-LOC']],
    [['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC'], 'BILOU', ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'U-LOC']],
    [['S-PER', 'B-ORG', 'E-ORG'], 'IOB2', ['B-PER', 'B-ORG', 'I-ORG']],
    [['U-PER', 'B-ORG', 'I-ORG', 'L-ORG'], 'IOBES', ['S-PER', 'B-ORG', 'I-ORG', 'E-ORG']],
    [['O', 'I-PER', 'B-LOC'], 'IOB2', ['O', 'B-PER', 'B-LOC']], // sloppy prediction, read leniently
    [['PER', 'PER', 'O'], 'IOB2', ['B-PER', 'I-PER', 'O']],
    [[], 'IOBES', []],
  ])('%j to %s', (tags, to, expected) => {
    expect(convertScheme(tags, to)).toEqual(expected);
  });

  it.each<TagScheme>(['IOB1', 'IOB2', 'IOBES', 'BILOU'])('IOB2 -> %s -> IOB2 is the identity', (via) => {
    const iob2 = ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG', 'B-MISC'];
    expect(convertScheme(convertScheme(iob2, via), 'IOB2')).toEqual(iob2);
  });
});
