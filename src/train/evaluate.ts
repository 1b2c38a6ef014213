/**
 * @file Scores a tagger on a split: decode in batches of similar length, map ids to tags, entity-level metrics. The
 * dev evaluations of training, a finished run's test score (scoreCheckpoint.ts), `ner evaluate` and the playground's
 * error analysis all tag through predictTags.
 */
import type { Tagger } from '../model/tagger';
import { lengthSortedBatches, makeBatch } from '../core/dataset/batch';
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
 * Tags per sentence, in the sentences' order. A sentence longer than PREDICT_WINDOW tokens is tagged in overlapping
 * windows (core/dataset/tokenWindows.ts), so time and memory grow linearly with its length; windows are batched by
 * length, which only changes the padding.
 */
export async function predictTags(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<string[][]> {
  const { encoder, maxPositions } = tagger.config;
  const size = encoder === 'transformer' ? Math.min(PREDICT_WINDOW, maxPositions) : PREDICT_WINDOW;
  const { inputs, stitch } = windowSentences(sentences, size, Math.min(PREDICT_OVERLAP, size >> 2));
  const out: string[][] = new Array(inputs.length);
  for (const idx of lengthSortedBatches(inputs.map((s) => s.words.length), batchSize)) {
    const paths = await tagger.predict(makeBatch(idx.map((i) => inputs[i])));
    paths.forEach((p, k) => (out[idx[k]] = p.map((id) => labels[id])));
  }
  return stitch(out);
}

export async function evaluateTagger(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<Evaluation> {
  const predictions = await predictTags(tagger, sentences, labels, batchSize);
  const gold = sentences.map((s) => Array.from(s.labels, (id) => (id >= 0 ? labels[id] : 'O')));
  return { scores: entityScores(gold, predictions), predictions };
}
