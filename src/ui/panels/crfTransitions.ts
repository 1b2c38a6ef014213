/** @file The CRF transition scores of a finished run, read from its checkpoint bytes for the model view. */
import { readCheckpoint } from '../../core/checkpoint/checkpoint';

export type CrfTransitions =
  | { ok: true; labels: string[]; /** matrix[i][j] scores label i followed by label j. */ matrix: number[][] }
  | { ok: false; reason: string };

export function crfTransitions(bytes: Uint8Array | null): CrfTransitions {
  if (!bytes) return { ok: false, reason: 'This run has no checkpoint yet: the transitions appear when training ends.' };
  let checkpoint;
  try {
    checkpoint = readCheckpoint(bytes, 'the run checkpoint');
  } catch (e) {
    return { ok: false, reason: `Could not read the checkpoint: ${(e as Error).message}` };
  }
  const labels = checkpoint.config.labels;
  const weights = checkpoint.weights.get('crf.transitions');
  if (!weights) return { ok: false, reason: 'This run has no CRF layer, so there are no transition scores to show.' };
  const K = labels.length;
  if (weights.shape.length !== 2 || weights.shape[0] !== K || weights.shape[1] !== K) {
    return { ok: false, reason: `crf.transitions has shape [${weights.shape.join(', ')}], expected [${K}, ${K}] for ${K} labels.` };
  }
  // [K, K] row-major
  const matrix = labels.map((_, i) => Array.from(weights.data.subarray(i * K, (i + 1) * K)));
  return { ok: true, labels, matrix };
}

export interface Transition {
  from: string;
  to: string;
  score: number;
}

/** The most and least favoured label pairs, for the heatmap's text summary; null for an empty matrix. */
export function transitionExtremes(labels: readonly string[], matrix: readonly (readonly number[])[]): { highest: Transition; lowest: Transition } | null {
  let highest: Transition | null = null;
  let lowest: Transition | null = null;
  matrix.forEach((row, i) =>
    row.forEach((score, j) => {
      const t = { from: labels[i], to: labels[j], score };
      if (!highest || score > highest.score) highest = t;
      if (!lowest || score < lowest.score) lowest = t;
    }),
  );
  return highest && lowest ? { highest, lowest } : null;
}
