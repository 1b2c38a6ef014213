/**
 * @file The one way files become a training set, below the studio's data worker and the `ner` commands alike:
 * parsed files are assembled into train/dev/test (by file name, or by the splits a run file names), IOB1 splits
 * become IOB2, vocabularies are built from train, and every split is packed. Each caller only reads its files.
 */
import { parseFile, type ParsedInput } from '../formats';
import type { Dataset, Diagnostic, Sentence, SplitName } from '../types';
import { columnLineOf, recordLineOf, type LineOf } from '../tags/schemeCheck';
import { convertScheme, detectScheme } from '../tags/tags';
import { MAX_SENTENCE_LENGTH, splitLongSentences } from './longSentences';
import { prepareDataset, type PreparedDataset } from './prepared';
import { assembleDataset, datasetFromSplits, type AssembleOptions } from './splits';
import { buildVocabularies } from './vocab';

export interface FinishOptions {
  /** Training sentences longer than this many tokens are split between entities (0: never); default 256. */
  maxSentenceLength?: number;
  /** The file line of a token of a sentence, for the messages (default: a column file's, one token a line). */
  lineOf?: LineOf;
}

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
export function prepareFiles(name: string, source: SplitSource, options: AssembleOptions & FinishOptions = {}): PrepareResult {
  const parsed = 'byName' in source ? source.byName : Object.values(source.given);
  // A JSON record is one line: its sentence's tokens all sit on it.
  const records = new Set(parsed.filter((p) => p.format === 'json').flatMap((p) => p.sentences));
  const lineOf: LineOf = (s, token) => (records.has(s) ? recordLineOf(s, token) : columnLineOf(s, token));
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
  return finishDataset(assembled.dataset, diagnostics, { lineOf, ...options });
}

/** Files given as text (the shipped demo, tests), split by their names. */
export function prepareTexts(name: string, files: { name: string; text: string }[], options: AssembleOptions & FinishOptions = {}): PrepareResult {
  return prepareFiles(name, { byName: files.map((f) => parseFile(f.text, f.name)) }, options);
}

/**
 * An assembled dataset to a trainable one: IOB1 to IOB2, training sentences longer than the limit split between
 * entities, vocabularies from train (labels from every split), packing. Data with fewer than two labels is refused:
 * there is nothing to tell apart (tfjs would fail deep inside with "oneHot: depth must be >= 2").
 */
export function finishDataset(dataset: Dataset, diagnostics: Diagnostic[] = [], options: FinishOptions = {}): PrepareResult {
  if (dataset.train.length === 0) return { dataset: null, sentences: null, diagnostics };
  // Split before the IOB1 conversion: cuts fall between entities, so an IOB1 part is still IOB1, and the sentences
  // are still the parsed ones, whose file (and so line rule) lineOf knows.
  const trainFiles = dataset.sources.filter((f) => f.split === 'train' || f.split === 'ratio').map((f) => f.file).join(', ') || 'train';
  const long = splitLongSentences(dataset.train, options.maxSentenceLength ?? MAX_SENTENCE_LENGTH, trainFiles, options.lineOf ?? columnLineOf);
  dataset.train = long.sentences;
  diagnostics.push(...normaliseIob1(dataset), ...long.diagnostics);
  // Labels also from dev and test, so every gold tag has an id.
  const vocab = buildVocabularies(dataset.train, [...dataset.dev, ...dataset.test]);
  if (vocab.labels.length < 2) {
    const label = vocab.labels[0] ?? 'none';
    const message = `${trainFiles}: the data has a single label (${label}), so there is nothing to tell apart; a tagger needs O and at least one entity type (B-PER, I-PER...). Is the tag column the last one?`;
    diagnostics.push({ severity: 'error', file: trainFiles, message });
    return { dataset: null, sentences: null, diagnostics };
  }
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
