import { describe, expect, it } from 'vitest';
import { entityTypesOf, unknownEntityTypes } from './labelTypes';

describe('entity types a model has no label for', () => {
  it.each<[string, string[][], string[], { type: string; count: number }[]]>([
    ['all known', [['B-PER', 'I-PER', 'O', 'B-LOC']], ['O', 'B-LOC', 'B-PER', 'I-PER'], []],
    ['one type unknown, counted as entities', [['B-MISC', 'I-MISC', 'O', 'B-MISC'], ['B-EVT']], ['O', 'B-PER'], [{ type: 'MISC', count: 2 }, { type: 'EVT', count: 1 }]],
    ['another scheme of a known type is known', [['S-PER', 'O']], ['O', 'B-PER', 'I-PER'], []],
  ])('%s', (_name, tags, labels, unknown) => {
    expect(unknownEntityTypes(tags, labels)).toEqual(unknown);
  });

  it('reads types off labels of any scheme', () => {
    expect([...entityTypesOf(['O', 'B-PER', 'I-PER', 'U-LOC', 'E-geo-loc'])].sort()).toEqual(['LOC', 'PER', 'geo-loc']);
  });
});
