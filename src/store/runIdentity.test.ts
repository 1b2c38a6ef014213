import { describe, expect, it } from 'vitest';
import { nextColourSlot, nextRunNumber, runNameProblem } from './runIdentity';

const run = (id: string, name: string, colour?: number) => ({ id, name, colour });

describe('nextRunNumber', () => {
  it.each([
    [[], 1],
    [[run('run-1-a', 'run-1'), run('run-2-b', 'run-2')], 3],
    // Renamed runs keep their number in the id: no second run-2 after renaming run-2.
    [[run('run-1-a', 'run-1'), run('run-2-b', 'baseline')], 3],
    [[run('run-7-x', 'focal seed 1'), run('run-3-y', 'run-3')], 8],
    [[run('imported', 'run-4')], 5], // an id without a number: the name's
  ])('%j -> %i', (runs, expected) => {
    expect(nextRunNumber(runs)).toBe(expected);
  });
});

describe('nextColourSlot', () => {
  it.each([
    [[], 0],
    [[run('a', 'a', 0), run('b', 'b', 1)], 2],
    // A deleted run frees its colour for the next one.
    [[run('a', 'a', 0), run('c', 'c', 2)], 1],
    // Runs kept before slots existed hold their position.
    [[run('a', 'a'), run('b', 'b')], 2],
    [[run('a', 'a'), run('b', 'b', 0)], 1],
  ])('%j -> %i', (runs, expected) => {
    expect(nextColourSlot(runs)).toBe(expected);
  });
});

describe('runNameProblem', () => {
  const runs = [run('run-1-a', 'run-1'), run('run-2-b', 'Baseline')];
  it.each([
    ['focal, seed 2', null],
    ['  run-1  ', null], // its own name, spaces trimmed
    ['', 'A run needs a name.'],
    ['   ', 'A run needs a name.'],
    ['baseline', 'Another run is called Baseline.'],
    ['a/b', 'A run name cannot hold “/”: it becomes the name of downloaded files.'],
    ['what?', 'A run name cannot hold “?”: it becomes the name of downloaded files.'],
    ['tab\there', 'A run name cannot hold control characters: it becomes the name of downloaded files.'],
    ['..', 'A run name cannot be only dots.'],
    ['x'.repeat(61), 'Keep the name to 60 characters (this one has 61).'],
  ])('%j -> %s', (name, expected) => {
    expect(runNameProblem(name, 'run-1-a', runs)).toBe(expected);
  });
});
