/** @file From parsed files (or raw texts) to a PreparedDataset with all diagnostics; pure, shared by the data worker and tests. */
import { parseFile, type ParsedInput } from '../core/formats';
import { prepareDataset, type PreparedDataset } from '../core/dataset/prepared';
import { assembleDataset } from '../core/dataset/splits';
import type { Dataset, Diagnostic, Sentence } from '../core/types';
import { convertScheme, detectScheme } from '../core/tags/tags';
import { buildVocabularies } from '../core/dataset/vocab';

export interface PrepareResult {
  dataset: PreparedDataset | null;
  diagnostics: Diagnostic[];
}

export function prepareFromTexts(name: string, files: { name: string; text: string }[], ratio = 0.8, seed = 13): PrepareResult {
  return prepareFromParsed(name, files.map((f) => parseFile(f.text, f.name)), ratio, seed);
}

/** The data worker parses each file as it streams in (core/formats/stream.ts), then comes here. */
export function prepareFromParsed(name: string, parsed: ParsedInput[], ratio = 0.8, seed = 13): PrepareResult {
  const diagnostics = parsed.flatMap((p) => p.diagnostics);
  const usable = parsed.filter((p) => p.sentences.length > 0);
  if (usable.length === 0) {
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push({ severity: 'error', file: parsed.map((p) => p.file).join(', ') || '(no files)', message: 'no sentences found' });
    return { dataset: null, diagnostics };
  }
  const { dataset, diagnostics: splitDiagnostics } = assembleDataset(name, usable, { ratio, seed });
  diagnostics.push(...splitDiagnostics);
  if (dataset.train.length === 0) return { dataset: null, diagnostics };
  diagnostics.push(...normaliseIob1(dataset));
  const vocab = buildVocabularies(dataset.train, [...dataset.dev, ...dataset.test]);
  return { dataset: prepareDataset(dataset, vocab), diagnostics };
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
