import { describe, expect, it } from 'vitest';
import { entityClass, segmentTokens } from './entitySegments';
import type { Span } from '../../core/types';

const toks = (s: string) => s.split(' ');
/** Segments written as "text" or "TYPE[text]". */
const compact = (tokens: string, spans: Span[]) => segmentTokens(toks(tokens), spans).map((s) => (s.type ? `${s.type}[${s.text}]` : s.text));

describe('segmentTokens', () => {
  it.each<[string, string, Span[], string[]]>([
    ['no spans', 'a b c', [], ['a b c']],
    ['entity in the middle', 'Anna lives in New York .', [{ type: 'LOC', start: 3, end: 5 }], ['Anna lives in', 'LOC[New York]', '.']],
    [
      'adjacent entities, given out of order',
      'Acme Corp Oslo',
      [
        { type: 'LOC', start: 2, end: 3 },
        { type: 'ORG', start: 0, end: 2 },
      ],
      ['ORG[Acme Corp]', 'LOC[Oslo]'],
    ],
    ['span past the end is clipped', 'a b', [{ type: 'X', start: 1, end: 5 }], ['a', 'X[b]']],
    ['markup is just a token', 'x <b>bold</b> y', [{ type: 'MISC', start: 1, end: 2 }], ['x', 'MISC[<b>bold</b>]', 'y']],
  ])('%s', (_name, tokens, spans, expected) => {
    expect(compact(tokens, spans)).toEqual(expected);
  });

  it('keeps token ranges', () => {
    expect(segmentTokens(toks('a b c'), [{ type: 'X', start: 1, end: 2 }]).map((s) => [s.start, s.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});

describe('entityClass', () => {
  it.each([
    ['PER', 'per'],
    ['MISC', 'misc'],
    ['DATE', 'other'],
    ['per', 'other'],
  ])('%s -> %s', (type, expected) => expect(entityClass(type)).toBe(expected));
});
