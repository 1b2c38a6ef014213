import { describe, expect, it } from 'vitest';
import { prepareTexts } from './finish';

// IOB1: I- starts an entity; B- only where one entity directly follows another of the same type.
const iob1 = ['Anna I-PER', 'Berg I-PER', 'met I-PER', 'in O', 'Oslo I-LOC', 'Lima B-LOC', '.', ''].map((l) => (l === '.' ? '. O' : l)).join('\n');

describe('prepareTexts', () => {
  it('converts an IOB1 split to IOB2 with a warning, keeping the entities', () => {
    const { dataset, diagnostics } = prepareTexts('t', [
      { name: 'train.txt', text: iob1 },
      { name: 'dev.txt', text: iob1 },
    ]);
    expect(dataset!.text.train.tags[0]).toEqual(['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'O']);
    expect(dataset!.summary.splits.train.entities).toEqual({ PER: 1, LOC: 2 });
    expect(dataset!.vocab.labels).toEqual(['O', 'B-LOC', 'B-PER', 'I-PER']);
    expect(diagnostics.filter((d) => /IOB1; converted to IOB2/.test(d.message)).map((d) => d.file)).toEqual(['train.txt', 'dev.txt']);
  });

  it('leaves IOB2 data alone', () => {
    const iob2 = 'Anna B-PER\nBerg I-PER\nin O\nOslo B-LOC\n';
    const { dataset, diagnostics } = prepareTexts('t', [{ name: 'train.txt', text: iob2 }, { name: 'dev.txt', text: iob2 }]);
    expect(dataset!.text.train.tags[0]).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC']);
    expect(diagnostics.some((d) => /IOB1/.test(d.message))).toBe(false);
  });
});
