/** @file From parsed files (or raw texts) to a PreparedDataset with all diagnostics; pure, shared by the data worker and tests. */
import { parseFile, type ParsedInput } from '../core/formats';
import { prepareDataset, type PreparedDataset } from '../core/prepared';
import { assembleDataset } from '../core/splits';
import type { Diagnostic } from '../core/types';
import { buildVocabularies, makeEncoder } from '../core/vocab';

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
  const vocab = buildVocabularies(dataset.train, [...dataset.dev, ...dataset.test]);
  return { dataset: prepareDataset(dataset, vocab, makeEncoder(vocab)), diagnostics };
}
