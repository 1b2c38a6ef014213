/**
 * @file What the losses need to know about the data besides each batch: the label names (entity
 * types for the span and contrastive losses), the training label counts (focal's derived alpha)
 * and the extra columns' vocabularies (multitask). Pure, so the studio checks a loss against a
 * loaded dataset before training, and a checkpoint's vocab.json rebuilds the same loss.
 */
import { isPlainObject } from './lossParams';
import { splitTag } from '../tags/tags';
import type { Vocabularies } from '../dataset/vocab';

export interface LossData {
  /** Label names by id. */
  labels: readonly string[];
  /** Training tokens per label id; absent in vocabularies saved before it existed. */
  labelCounts?: readonly number[];
  /** Vocabulary size of each extra column (CoNLL-2003: POS, chunk); [] without extra columns. */
  extraSizes: readonly number[];
}

export function lossDataFor(vocab: Vocabularies): LossData {
  return { labels: vocab.labels, labelCounts: vocab.labelCounts, extraSizes: (vocab.extra ?? []).map((v) => v.length) };
}

/** Labels without entity information: id k is called 'k'; enough for the losses that need no names. */
export function anonymousLossData(numLabels: number): LossData {
  return { labels: Array.from({ length: numLabels }, (_, k) => String(k)), extraSizes: [] };
}

/**
 * The entity types among the labels, and each label's type index: B-PER, I-PER, E-PER -> 'PER';
 * O (and a bare prefix) -> -1. Types in order of first appearance.
 */
export function entityTypesOf(labels: readonly string[]): { types: string[]; typeOfLabel: Int32Array } {
  const types: string[] = [];
  const typeOfLabel = new Int32Array(labels.length).fill(-1);
  labels.forEach((label, k) => {
    const { type } = splitTag(label);
    if (!type) return;
    let i = types.indexOf(type);
    if (i < 0) i = types.push(type) - 1;
    typeOfLabel[k] = i;
  });
  return { types, typeOfLabel };
}

/**
 * sklearn's 'balanced' class weights: N / (K' * n_k) over the K' labels seen in training (N tokens),
 * so a label's total weight is the same for every label; 1 for labels never seen in training.
 */
export function balancedLabelWeights(counts: readonly number[]): Float32Array {
  const seen = counts.filter((n) => n > 0);
  const total = seen.reduce((a, b) => a + b, 0);
  return Float32Array.from(counts, (n) => (n > 0 ? total / (seen.length * n) : 1));
}

/** A per-label parameter (see lossParams.ts perLabelParam) as one value per label id; `fallback` when absent. */
export function perLabelValues(value: unknown, data: LossData, fallback = 1): Float32Array {
  const K = data.labels.length;
  if (value === undefined || value === null) return new Float32Array(K).fill(fallback);
  if (value === 'auto') {
    if (!data.labelCounts) throw new Error("'auto' needs the training data's label counts");
    return balancedLabelWeights(data.labelCounts);
  }
  if (Array.isArray(value)) return Float32Array.from(value as number[]);
  if (isPlainObject(value)) return Float32Array.from(data.labels, (l) => (typeof value[l] === 'number' ? (value[l] as number) : 1));
  throw new Error(`not a per-label value: ${JSON.stringify(value)}`);
}

/**
 * Cosine similarity between the rows of a [K, D] embedding matrix (row-major): [K, K], row-major.
 * The learned label-label similarity of embedding_label_smoothing, from its 'loss.label_embeddings'
 * weights (live, or read from a checkpoint).
 */
export function labelSimilarityMatrix(embeddings: Float32Array, K: number, D: number): Float32Array {
  if (embeddings.length !== K * D) throw new Error(`expected ${K}x${D} = ${K * D} values, got ${embeddings.length}`);
  const norms = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += embeddings[i * D + d] ** 2;
    norms[i] = Math.sqrt(s) || 1;
  }
  const out = new Float32Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += embeddings[i * D + d] * embeddings[j * D + d];
      out[i * K + j] = s / (norms[i] * norms[j]);
    }
  }
  return out;
}
