/**
 * @file The one way files become a training set, below the studio's data worker and the `ner` commands alike:
 * parsed files are assembled into train/dev/test (by file name, or by the splits a run file names), IOB1 splits
 * become IOB2, vocabularies are built from train, and every split is packed. Each caller only reads its files.
 */
import { parseFile, type ParsedInput } from '../formats';
import type { Dataset, Diagnostic, Sentence, SplitName } from '../types';
import { convertScheme, detectScheme } from '../tags/tags';
import { prepareDataset, type PreparedDataset } from './prepared';
import { assembleDataset, datasetFromSplits, type AssembleOptions } from './splits';
import { buildVocabularies } from './vocab';

export interface PrepareResult {
  /** Null when nothing can be trained on; the diagnostics then say why. */
  dataset: PreparedDataset | null;
  /** The dataset as prepared (IOB1 already converted), for statistics and for writing splits out; null as dataset. */
  sentences: Dataset | null;
  diagnostics: Diagnostic[];
}

/** How parsed files map to splits: by their names (the studio's dropped files), or as a run file names them. */
export type SplitSource = { byName: ParsedInput[] } | { given: Partial<Record<SplitName, ParsedInput>> };

/**
 * Parsed files to a prepared dataset. Each file's own diagnostics come first, then the assembly's, then the
 * preparation's. Files that gave no sentences are left out (their errors say why).
 */
export function prepareFiles(name: string, source: SplitSource, options: AssembleOptions = {}): PrepareResult {
  const parsed = 'byName' in source ? source.byName : Object.values(source.given);
  const diagnostics = parsed.flatMap((p) => p.diagnostics);
  const usable = parsed.filter((p) => p.sentences.length > 0);
  if (usable.length === 0) {
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push({ severity: 'error', file: parsed.map((p) => p.file).join(', ') || '(no files)', message: 'no sentences found' });
    return { dataset: null, sentences: null, diagnostics };
  }
  const assembled =
    'byName' in source
      ? assembleDataset(name, usable, options)
      : datasetFromSplits(name, Object.fromEntries(Object.entries(source.given).filter(([, p]) => p.sentences.length > 0)), options);
  diagnostics.push(...assembled.diagnostics);
  return finishDataset(assembled.dataset, diagnostics);
}

/** Files given as text (the shipped demo, tests), split by their names. */
export function prepareTexts(name: string, files: { name: string; text: string }[], options: AssembleOptions = {}): PrepareResult {
  return prepareFiles(name, { byName: files.map((f) => parseFile(f.text, f.name)) }, options);
}

/** An assembled dataset to a trainable one: IOB1 to IOB2, vocabularies from train (labels from every split), packing. */
export function finishDataset(dataset: Dataset, diagnostics: Diagnostic[] = []): PrepareResult {
  if (dataset.train.length === 0) return { dataset: null, sentences: null, diagnostics };
  diagnostics.push(...normaliseIob1(dataset));
  // Labels also from dev and test, so every gold tag has an id.
  const vocab = buildVocabularies(dataset.train, [...dataset.dev, ...dataset.test]);
  return { dataset: prepareDataset(dataset, vocab), sentences: dataset, diagnostics };
}

/**
 * IOB1 files (CoNLL-2003's originals) become IOB2, the scheme the model's labels and transition
 * constraints assume. Lossless: the entity spans stay exactly the same.
 */
export function normaliseIob1(dataset: Dataset): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const split of ['train', 'dev', 'test'] as const) {
    const sentences: Sentence[] = dataset[split];
    if (sentences.length === 0 || detectScheme(sentences.map((s) => s.tags)) !== 'IOB1') continue;
    dataset[split] = sentences.map((s) => ({ ...s, tags: convertScheme(s.tags, 'IOB2') }));
    const files = dataset.sources.filter((f) => f.split === split || f.split === 'ratio').map((f) => f.file);
    out.push({ severity: 'warning', file: files.join(', ') || split, message: `the ${split} split is tagged IOB1; converted to IOB2 (same entities)` });
  }
  return out;
}
