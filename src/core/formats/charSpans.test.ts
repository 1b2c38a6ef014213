import { describe, expect, it } from 'vitest';
import { charSpanRecordToSentence, tokenizeWithOffsets } from './charSpans';

describe('tokenizeWithOffsets', () => {
  it.each<[string, string, [string, number, number][]]>([
    ['whitespace and a final period', 'Barack Obama visited Paris.', [['Barack', 0, 6], ['Obama', 7, 12], ['visited', 13, 20], ['Paris', 21, 26], ['.', 26, 27]]],
    ['punctuation is split off, one character a token', "Obama's (U.S.)", [['Obama', 0, 5], ["'", 5, 6], ['s', 6, 7], ['(', 8, 9], ['U', 9, 10], ['.', 10, 11], ['S', 11, 12], ['.', 12, 13], [')', 13, 14]]],
    ['zero-width characters stay inside words; NBSP separates', 'a\u200Bb c\u00A0d', [['a\u200Bb', 0, 3], ['c', 4, 5], ['d', 6, 7]]],
    ['combining marks and non-Latin scripts', 'Zoe\u0308 東京 2024', [['Zoe\u0308', 0, 4], ['東京', 5, 7], ['2024', 8, 12]]],
    ['empty', '', []],
  ])('%s', (_name, text, expected) => {
    expect(tokenizeWithOffsets(text).map((t) => [t.text, t.start, t.end])).toEqual(expected);
  });

  it('splits a token at a cut offset', () => {
    expect(tokenizeWithOffsets('ObamaCare passed', [5]).map((t) => t.text)).toEqual(['Obama', 'Care', 'passed']);
  });
});

interface Case {
  name: string;
  record: Record<string, unknown>;
  tokens: string[];
  tags: string[];
  warnings?: RegExp[];
}

const cases: Case[] = [
  {
    name: 'doccano [start, end, TYPE] lists',
    record: { text: 'Barack Obama visited Paris.', label: [[0, 12, 'PER'], [21, 26, 'LOC']] },
    tokens: ['Barack', 'Obama', 'visited', 'Paris', '.'],
    tags: ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'],
  },
  {
    name: 'Label Studio JSON-MIN objects with labels: [TYPE]',
    record: { text: 'Angela Merkel spoke', label: [{ start: 0, end: 13, text: 'Angela Merkel', labels: ['PER'] }] },
    tokens: ['Angela', 'Merkel', 'spoke'],
    tags: ['B-PER', 'I-PER', 'O'],
  },
  {
    name: 'doccano v1 entities with start_offset / end_offset',
    record: { text: 'IBM rose', entities: [{ id: 1, label: 'ORG', start_offset: 0, end_offset: 3 }] },
    tokens: ['IBM', 'rose'],
    tags: ['B-ORG', 'O'],
  },
  {
    name: 'spans given out of order; an entity over split punctuation',
    record: { text: 'U.S. stocks hit Wall Street', labels: [[16, 27, 'ORG'], [0, 4, 'LOC']] },
    tokens: ['U', '.', 'S', '.', 'stocks', 'hit', 'Wall', 'Street'],
    tags: ['B-LOC', 'I-LOC', 'I-LOC', 'I-LOC', 'O', 'O', 'B-ORG', 'I-ORG'],
  },
  {
    name: 'spaces selected around an entity are trimmed, silently',
    record: { text: 'in Paris now', label: [[2, 9, 'LOC']] },
    tokens: ['in', 'Paris', 'now'],
    tags: ['O', 'B-LOC', 'O'],
  },
  {
    name: 'a span that cuts a token splits it, with a warning',
    record: { text: 'ObamaCare passed', label: [[0, 5, 'PER']] },
    tokens: ['Obama', 'Care', 'passed'],
    tags: ['B-PER', 'O', 'O'],
    warnings: [/^\[0, 5, "PER"\] "Obama" cuts the token "ObamaCare"; the token was split/],
  },
  {
    name: 'two adjacent entities of one type stay two',
    record: { text: 'Paris London', label: [[0, 5, 'LOC'], [6, 12, 'LOC']] },
    tokens: ['Paris', 'London'],
    tags: ['B-LOC', 'B-LOC'],
  },
  {
    name: 'overlapping spans: the earlier, longer one is kept',
    record: { text: 'New York City', label: [[4, 13, 'LOC'], [0, 8, 'LOC']] },
    tokens: ['New', 'York', 'City'],
    tags: ['B-LOC', 'I-LOC', 'O'],
    warnings: [/^\[4, 13, "LOC"\] "York City" overlaps \[0, 8, "LOC"\] "New York"; flat tags cannot nest/],
  },
  {
    name: 'bad annotations are skipped one by one',
    record: { text: 'a b', label: [[0, 99, 'X'], [1, 0, 'X'], ['0', 1, 'X'], [0, 1], 7, [1, 2, 'Y']] },
    tokens: ['a', 'b'],
    tags: ['O', 'O'],
    warnings: [
      /^annotation \[0, 99, "X"\] does not fit the 3 characters of the text; skipped$/,
      /^annotation \[1, 0, "X"\] does not fit/,
      /^annotation \["0",1,"X"\] has no integer start and end; skipped$/,
      /^annotation \[0,1\] has no type name; skipped$/,
      /^annotation 7 is neither/,
      /^annotation of type Y covers only whitespace; skipped$/,
    ],
  },
  {
    name: 'annotations that are not a list',
    record: { text: 'a', label: 'PER' },
    tokens: ['a'],
    tags: ['O'],
    warnings: [/^has annotations "PER" that are not a list; read as none$/],
  },
  {
    name: 'no annotations: all O',
    record: { text: 'nothing here' },
    tokens: ['nothing', 'here'],
    tags: ['O', 'O'],
  },
];

describe('charSpanRecordToSentence', () => {
  it.each(cases)('$name', ({ record, tokens, tags, warnings = [] }) => {
    const result = charSpanRecordToSentence(record, 7);
    expect(result.error).toBeUndefined();
    expect(result.sentence).toEqual({ tokens, tags, line: 7 });
    expect(result.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(result.warnings[i]).toMatch(w));
  });

  it('a record whose text is not a string is unusable', () => {
    expect(charSpanRecordToSentence({ text: 5 }, 1)).toMatchObject({ sentence: null, error: 'has "text" that is not a string' });
  });

  it('empty text gives no sentence and no complaint', () => {
    expect(charSpanRecordToSentence({ text: '  ', label: [] }, 1)).toEqual({ sentence: null, warnings: [] });
  });
});
