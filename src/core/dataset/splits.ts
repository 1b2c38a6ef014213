/** @file Turns a pile of dropped files into train/dev/test, by file name where it tells and by a seeded ratio where not. */
import type { Dataset, Diagnostic, ParsedFile, Sentence, SplitName } from '../types';
import { makeRng, shuffled } from '../rng';

export interface AssembleOptions {
  /** Share of pooled sentences that go to train; the rest go to dev. Default 0.8. */
  ratio?: number;
  /** Seed of the shuffle before a ratio split, so the same files always split the same way. Default 13. */
  seed?: number;
}

/**
 * The split a file's base name announces, case-insensitively: eng.testa -> dev, eng.testb -> test,
 * en_ewt-ud-dev.iob2 -> dev, valid.txt -> dev. testa/testb are checked before test, which they contain.
 */
export function splitFromFileName(file: string): SplitName | null {
  const base = (file.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (base.includes('train')) return 'train';
  if (base.includes('testa')) return 'dev';
  if (base.includes('testb')) return 'test';
  if (base.includes('dev') || base.includes('valid')) return 'dev';
  if (base.includes('test')) return 'test';
  return null;
}

/** Seeded shuffle, then the first round(ratio * n) to train; both sides keep at least one sentence when n >= 2. */
function splitByRatio(sentences: Sentence[], ratio: number, seed: number): [Sentence[], Sentence[]] {
  const mixed = shuffled(sentences, makeRng(seed));
  const n = mixed.length;
  const take = n < 2 ? n : Math.min(n - 1, Math.max(1, Math.round(ratio * n)));
  return [mixed.slice(0, take), mixed.slice(take)];
}

function append(into: Sentence[], from: Sentence[]): void {
  // push(...from) overflows the call stack on a 200k-sentence file.
  for (const s of from) into.push(s);
}

/** The ratio and seed to use, with a warning when the ratio given cannot split anything. */
function checkOptions(name: string, options: AssembleOptions, diagnostics: Diagnostic[]): { ratio: number; seed: number } {
  const ratio = options.ratio ?? 0.8;
  if (ratio > 0 && ratio < 1) return { ratio, seed: options.seed ?? 13 };
  diagnostics.push({ severity: 'warning', file: name, message: `train ratio ${ratio} is not between 0 and 1; using 0.8` });
  return { ratio: 0.8, seed: options.seed ?? 13 };
}

/** With no dev at all, dev is carved from train by the ratio; then empty splits are reported. */
function carveDevAndCheck(
  name: string,
  splits: Record<SplitName, Sentence[]>,
  sources: Dataset['sources'],
  ratio: number,
  seed: number,
  diagnostics: Diagnostic[],
): void {
  const percent = `${Math.round(ratio * 100)}/${Math.round((1 - ratio) * 100)}`;
  if (splits.dev.length === 0 && splits.train.length > 0) {
    [splits.train, splits.dev] = splitByRatio(splits.train, ratio, seed);
    for (const s of sources) if (s.split === 'train') s.split = 'ratio';
    diagnostics.push({
      severity: 'warning',
      file: name,
      message: `${name}: no dev file, so dev was carved from train (${percent}, seed ${seed})`,
    });
  }

  if (splits.train.length === 0) {
    diagnostics.push({ severity: 'error', file: name, message: `${name}: the train split is empty; add a training file` });
  } else if (splits.dev.length === 0) {
    diagnostics.push({ severity: 'warning', file: name, message: `${name}: the dev split is empty (too few sentences to split)` });
  }
}

/**
 * Diagnostics returned are the assembly's own; each file's parse diagnostics stay on its ParsedFile.
 * Files without a split in their name go to train when a train file exists, else to train when a dev file exists,
 * else they are pooled and split train/dev by the ratio. With no dev at all, dev is carved from train by the ratio.
 */
export function assembleDataset(
  name: string,
  files: ParsedFile[],
  options: AssembleOptions = {},
): { dataset: Dataset; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { ratio, seed } = checkOptions(name, options, diagnostics);

  const splits: Record<SplitName, Sentence[]> = { train: [], dev: [], test: [] };
  const sources: Dataset['sources'] = [];
  const unnamed: ParsedFile[] = [];
  for (const f of files) {
    const split = splitFromFileName(f.file);
    if (split === null) {
      unnamed.push(f);
      continue;
    }
    append(splits[split], f.sentences);
    sources.push({ file: f.file, split });
  }
  const hasTrainFile = sources.some((s) => s.split === 'train');
  const hasDevFile = sources.some((s) => s.split === 'dev');

  if (unnamed.length > 0 && (hasTrainFile || hasDevFile)) {
    // A named train or dev file shows the user chose the split; an unnamed file joining train is the least surprise.
    for (const f of unnamed) {
      append(splits.train, f.sentences);
      sources.push({ file: f.file, split: 'train' });
      diagnostics.push({ severity: 'warning', file: f.file, message: `${f.file}: no train/dev/test in the file name; added to train` });
    }
  } else if (unnamed.length > 0) {
    const pool: Sentence[] = [];
    for (const f of unnamed) {
      append(pool, f.sentences);
      sources.push({ file: f.file, split: 'ratio' });
    }
    const [train, dev] = splitByRatio(pool, ratio, seed);
    append(splits.train, train);
    append(splits.dev, dev);
  }

  carveDevAndCheck(name, splits, sources, ratio, seed, diagnostics);
  return { dataset: { name, ...splits, sources }, diagnostics };
}

/**
 * A dataset from files whose split is given (a run file's data.train, data.dev, data.test), whatever their names.
 * Without a dev file, dev is carved from train by the ratio with the same seeded shuffle as assembleDataset.
 */
export function datasetFromSplits(
  name: string,
  files: Partial<Record<SplitName, ParsedFile>>,
  options: AssembleOptions = {},
): { dataset: Dataset; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { ratio, seed } = checkOptions(name, options, diagnostics);
  const splits: Record<SplitName, Sentence[]> = { train: [], dev: [], test: [] };
  const sources: Dataset['sources'] = [];
  for (const split of ['train', 'dev', 'test'] as const) {
    const f = files[split];
    if (!f) continue;
    append(splits[split], f.sentences);
    sources.push({ file: f.file, split });
  }
  carveDevAndCheck(name, splits, sources, ratio, seed, diagnostics);
  return { dataset: { name, ...splits, sources }, diagnostics };
}
