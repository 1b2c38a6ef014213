import { describe, expect, it } from 'vitest';
import { matchSentences, pageOf } from './sentenceSearch';

const split = {
  tokens: [
    ['Anna', 'flew', 'to', 'Berlin', '.'],
    ['Berlin', 'Bank', 'fell'],
    ['New', 'York', 'is', 'big'],
    ['<img', 'src=x>'],
  ],
  tags: [
    ['B-PER', 'O', 'O', 'B-LOC', 'O'],
    ['B-ORG', 'I-ORG', 'O'],
    ['B-LOC', 'I-LOC', 'O', 'O'],
    ['O', 'O'],
  ],
};

describe('matchSentences', () => {
  it.each<[string, string, string, number[]]>([
    ['empty query matches all', '', '', [0, 1, 2, 3]],
    ['a word, any case', 'berlin', '', [0, 1]],
    ['across tokens, extra spaces ignored', '  new   york ', '', [2]],
    ['part of a token', 'ork', '', [2]],
    ['type filter alone', '', 'LOC', [0, 2]],
    ['query and type', 'Berlin', 'ORG', [1]],
    ['markup is searched as text', '<img src', '', [3]],
    ['no match', 'Paris', '', []],
  ])('%s', (_name, query, type, expected) => {
    expect(matchSentences(split, query, type)).toEqual(expected);
  });
});

describe('pageOf', () => {
  const items = [1, 2, 3, 4, 5, 6, 7];
  it.each<[number, number, { items: number[]; page: number; pages: number }]>([
    [0, 3, { items: [1, 2, 3], page: 0, pages: 3 }],
    [2, 3, { items: [7], page: 2, pages: 3 }],
    [9, 3, { items: [7], page: 2, pages: 3 }],
    [-1, 3, { items: [1, 2, 3], page: 0, pages: 3 }],
    [0, 10, { items, page: 0, pages: 1 }],
  ])('page %i of size %i', (page, size, expected) => {
    expect(pageOf(items, page, size)).toEqual(expected);
  });

  it('no items is page 1 of 1', () => {
    expect(pageOf([], 4, 10)).toEqual({ items: [], page: 0, pages: 1 });
  });
});
