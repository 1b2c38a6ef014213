/** @file Scores a tagger on a split: decode batch by batch, map ids to tags, entity-level metrics. */
import type { Tagger } from '../model/tagger';
import { makeBatch, sequentialBatches } from '../core/dataset/batch';
import { entityScores } from '../core/metrics/metrics';
import { PREDICT_OVERLAP, PREDICT_WINDOW, windowSentences } from '../core/dataset/tokenWindows';
import type { EntityScores } from '../core/types';
import type { EncodedSentence } from '../core/dataset/vocab';

export interface Evaluation {
  scores: EntityScores;
  /** Predicted tags per sentence. */
  predictions: string[][];
}

/**
 * Tags sentences batch by batch; a sentence longer than PREDICT_WINDOW tokens is tagged in overlapping windows
 * (core/dataset/tokenWindows.ts), so time and memory grow linearly with its length.
 */
export async function predictTags(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<string[][]> {
  const { encoder, maxPositions } = tagger.config;
  const size = encoder === 'transformer' ? Math.min(PREDICT_WINDOW, maxPositions) : PREDICT_WINDOW;
  const { inputs, stitch } = windowSentences(sentences, size, Math.min(PREDICT_OVERLAP, size >> 2));
  const out: string[][] = [];
  for (const idx of sequentialBatches(inputs.length, batchSize)) {
    const paths = await tagger.predict(makeBatch(idx.map((i) => inputs[i])));
    for (const p of paths) out.push(p.map((id) => labels[id]));
  }
  return stitch(out);
}

export async function evaluateTagger(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<Evaluation> {
  const predictions = await predictTags(tagger, sentences, labels, batchSize);
  const gold = sentences.map((s) => Array.from(s.labels, (id) => (id >= 0 ? labels[id] : 'O')));
  return { scores: entityScores(gold, predictions), predictions };
}
