import { describe, expect, it } from 'vitest';
import { tabFromHash, tabIndexAfterKey } from './tabNavigation';

describe('tabFromHash', () => {
  it.each([
    ['#compare', 'compare'],
    ['#Analyze', 'analyze'],
    ['#playground', 'playground'],
    ['', 'data'],
    ['#', 'data'],
    ['#nowhere', 'data'],
    ['#%74rain', 'train'], // percent-encoded
  ])('%s -> %s', (hash, tab) => {
    expect(tabFromHash(hash)).toBe(tab);
  });
});

describe('tabIndexAfterKey', () => {
  it.each([
    ['ArrowRight', 0, 1],
    ['ArrowRight', 4, 0], // wraps
    ['ArrowLeft', 0, 4], // wraps
    ['ArrowLeft', 3, 2],
    ['Home', 3, 0],
    ['End', 1, 4],
    ['ArrowDown', 1, null],
    ['Enter', 1, null],
  ])('%s from %i -> %s', (key, from, to) => {
    expect(tabIndexAfterKey(key, from, 5)).toBe(to);
  });
});
