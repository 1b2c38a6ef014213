/** @file From raw file texts to a PreparedDataset with all diagnostics; pure, shared by the data worker and tests. */
import { parseFile } from '../core/formats';
import { prepareDataset, type PreparedDataset } from '../core/prepared';
import { assembleDataset } from '../core/splits';
import type { Diagnostic } from '../core/types';
import { buildVocabularies, makeEncoder } from '../core/vocab';

export function prepareFromTexts(
  name: string,
  files: { name: string; text: string }[],
  ratio = 0.8,
  seed = 13,
): { dataset: PreparedDataset | null; diagnostics: Diagnostic[] } {
  const parsed = files.map((f) => parseFile(f.text, f.name));
  const diagnostics = parsed.flatMap((p) => p.diagnostics);
  const usable = parsed.filter((p) => p.sentences.length > 0);
  if (usable.length === 0) {
    if (!diagnostics.some((d) => d.severity === 'error')) diagnostics.push({ severity: 'error', file: files.map((f) => f.name).join(', ') || '(no files)', message: 'no sentences found' });
    return { dataset: null, diagnostics };
  }
  const { dataset, diagnostics: splitDiagnostics } = assembleDataset(name, usable, { ratio, seed });
  diagnostics.push(...splitDiagnostics);
  if (dataset.train.length === 0) return { dataset: null, diagnostics };
  const vocab = buildVocabularies(dataset.train, [...dataset.dev, ...dataset.test]);
  return { dataset: prepareDataset(dataset, vocab, makeEncoder(vocab)), diagnostics };
}
