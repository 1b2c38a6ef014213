import { describe, it, expect } from 'vitest';
import { assembleDataset, datasetFromSplits, splitFromFileName } from './splits';
import type { ParsedFile, Sentence, SplitName } from '../types';

describe('splitFromFileName', () => {
  it.each<[string, SplitName | null]>([
    ['eng.train', 'train'],
    ['eng.testa', 'dev'],
    ['eng.testb', 'test'],
    ['en_ewt-ud-train.iob2', 'train'],
    ['en_ewt-ud-dev.iob2', 'dev'],
    ['en_ewt-ud-test.iob2', 'test'],
    ['train.txt', 'train'],
    ['valid.txt', 'dev'],
    ['test.txt', 'test'],
    ['VALIDATION.TSV', 'dev'],
    ['Dev.conll', 'dev'],
    ['conll2003/iob2/test.txt', 'test'],
    ['C:\\corpora\\ner\\TRAIN.txt', 'train'],
    ['train/part1.conll', null], // only the base name counts
    ['mydata.conll', null],
    ['', null],
  ])('%s -> %s', (file, split) => {
    expect(splitFromFileName(file)).toBe(split);
  });
});

/** A parsed file of n one-token sentences named after it, so tests can tell where each sentence went. */
function file(name: string, n: number): ParsedFile {
  const sentences: Sentence[] = Array.from({ length: n }, (_, i) => ({ tokens: [`${name}#${i}`], tags: ['O'] }));
  return { file: name, sentences, diagnostics: [] };
}
const ids = (sentences: Sentence[]) => sentences.map((s) => s.tokens[0]);
const idsOf = (f: ParsedFile) => ids(f.sentences);

describe('assembleDataset', () => {
  it('puts each named file in its split', () => {
    const [train, dev, test] = [file('eng.train', 5), file('eng.testa', 2), file('eng.testb', 3)];
    const { dataset, diagnostics } = assembleDataset('conll', [test, train, dev]);
    expect(diagnostics).toEqual([]);
    expect(dataset.name).toBe('conll');
    expect(ids(dataset.train)).toEqual(idsOf(train));
    expect(ids(dataset.dev)).toEqual(idsOf(dev));
    expect(ids(dataset.test)).toEqual(idsOf(test));
    expect(dataset.sources).toEqual([
      { file: 'eng.testb', split: 'test' },
      { file: 'eng.train', split: 'train' },
      { file: 'eng.testa', split: 'dev' },
    ]);
  });

  it('concatenates several files of one split in the given order', () => {
    const [a, b, dev] = [file('train-a.txt', 2), file('train-b.txt', 3), file('dev.txt', 1)];
    const { dataset } = assembleDataset('d', [a, b, dev]);
    expect(ids(dataset.train)).toEqual([...idsOf(a), ...idsOf(b)]);
  });

  it.each<[number | undefined, number, number]>([
    [undefined, 8, 2], // default 0.8 of 10
    [0.5, 5, 5],
    [0.9, 9, 1],
    [0.99, 9, 1], // round(9.9) = 10 would leave dev empty; both sides keep one
    [0.01, 1, 9],
  ])('pools unnamed files and splits them by ratio %s into %i train / %i dev', (ratio, nTrain, nDev) => {
    const [a, b] = [file('part1.conll', 4), file('part2.conll', 6)];
    const { dataset, diagnostics } = assembleDataset('d', [a, b], { ratio });
    expect(diagnostics).toEqual([]);
    expect(dataset.train).toHaveLength(nTrain);
    expect(dataset.dev).toHaveLength(nDev);
    expect(dataset.test).toEqual([]);
    // A partition of the pool: nothing lost, nothing twice.
    expect([...ids(dataset.train), ...ids(dataset.dev)].sort()).toEqual([...idsOf(a), ...idsOf(b)].sort());
    expect(dataset.sources).toEqual([
      { file: 'part1.conll', split: 'ratio' },
      { file: 'part2.conll', split: 'ratio' },
    ]);
  });

  it('shuffles with the seed: the same seed repeats, another seed differs', () => {
    const pool = [file('data.txt', 20)];
    const first = assembleDataset('d', pool, { seed: 1 }).dataset;
    const again = assembleDataset('d', pool, { seed: 1 }).dataset;
    const other = assembleDataset('d', pool, { seed: 2 }).dataset;
    expect(ids(again.dev)).toEqual(ids(first.dev));
    expect(ids(other.dev)).not.toEqual(ids(first.dev));
    expect(ids(first.train)).not.toEqual(idsOf(pool[0]).slice(0, 16)); // shuffled, not the file's head
  });

  it('adds unnamed files to train, with a warning, when a train file exists', () => {
    const [train, extra, test] = [file('train.txt', 3), file('more.conll', 2), file('test.txt', 1)];
    const { dataset, diagnostics } = assembleDataset('d', [train, extra, test]);
    expect(ids(dataset.test)).toEqual(idsOf(test));
    expect(dataset.train.length + dataset.dev.length).toBe(5);
    expect(diagnostics.map((d) => [d.severity, d.file])).toEqual([
      ['warning', 'more.conll'],
      ['warning', 'd'], // and dev was carved from train, as no dev file came
    ]);
    expect(diagnostics[0].message).toMatch(/more\.conll: no train\/dev\/test in the file name; added to train/);
  });

  it('adds unnamed files to train when a dev file exists but no train file', () => {
    const [data, dev] = [file('data.txt', 4), file('valid.txt', 2)];
    const { dataset, diagnostics } = assembleDataset('d', [data, dev]);
    expect(ids(dataset.train)).toEqual(idsOf(data));
    expect(ids(dataset.dev)).toEqual(idsOf(dev));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', file: 'data.txt' });
  });

  it('carves dev from train by the ratio, with a warning, when only train is given', () => {
    const train = file('train.txt', 10);
    const { dataset, diagnostics } = assembleDataset('d', [train]);
    expect(dataset.train).toHaveLength(8);
    expect(dataset.dev).toHaveLength(2);
    expect([...ids(dataset.train), ...ids(dataset.dev)].sort()).toEqual(idsOf(train).sort());
    expect(dataset.sources).toEqual([{ file: 'train.txt', split: 'ratio' }]);
    expect(diagnostics).toEqual([
      { severity: 'warning', file: 'd', message: 'd: no dev file, so dev was carved from train (80/20, seed 13)' },
    ]);
  });

  it('warns when one sentence is too few to split', () => {
    const { dataset, diagnostics } = assembleDataset('d', [file('data.txt', 1)]);
    expect(dataset.train).toHaveLength(1);
    expect(dataset.dev).toHaveLength(0);
    expect(diagnostics.map((d) => d.message)).toContain('d: the dev split is empty (too few sentences to split)');
  });

  it.each<[string, ParsedFile[]]>([
    ['no files', []],
    ['only a test file', [file('test.txt', 3)]],
    ['an empty train file', [file('train.txt', 0), file('dev.txt', 2)]],
  ])('an empty train split is an error: %s', (_name, files) => {
    const { dataset, diagnostics } = assembleDataset('d', files);
    expect(dataset.train).toEqual([]);
    expect(diagnostics).toContainEqual({ severity: 'error', file: 'd', message: 'd: the train split is empty; add a training file' });
  });

  it('falls back to 0.8, with a warning, for a ratio outside (0, 1)', () => {
    const { dataset, diagnostics } = assembleDataset('d', [file('data.txt', 10)], { ratio: 1.5 });
    expect(dataset.train).toHaveLength(8);
    expect(diagnostics).toEqual([{ severity: 'warning', file: 'd', message: 'train ratio 1.5 is not between 0 and 1; using 0.8' }]);
  });
});

describe('datasetFromSplits', () => {
  it('puts each file in the split it is given for, whatever its name', () => {
    const [train, dev, test] = [file('a.conll', 5), file('eng.train', 2), file('b.conll', 3)];
    const { dataset, diagnostics } = datasetFromSplits('run.yaml', { train, dev, test });
    expect(diagnostics).toEqual([]);
    expect(ids(dataset.train)).toEqual(idsOf(train));
    expect(ids(dataset.dev)).toEqual(idsOf(dev));
    expect(ids(dataset.test)).toEqual(idsOf(test));
  });

  it('without dev, carves dev from train exactly as assembleDataset does', () => {
    const train = file('train.conll', 10);
    const given = datasetFromSplits('run.yaml', { train }, { ratio: 0.7, seed: 5 });
    const assembled = assembleDataset('run.yaml', [train], { ratio: 0.7, seed: 5 });
    expect(given).toEqual(assembled);
    expect(given.dataset.dev).toHaveLength(3);
  });
});
