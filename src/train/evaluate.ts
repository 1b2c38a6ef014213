/**
 * @file Scores a tagger on a split: decode in batches of similar length, map ids to tags, entity-level metrics. The
 * dev evaluations of training, a finished run's test score (scoreCheckpoint.ts), `ner evaluate` and the playground's
 * error analysis all tag through predictTags.
 */
import type { Tagger } from '../model/tagger';
import { lengthSortedBatches, makeBatch } from '../core/dataset/batch';
import { entityScores } from '../core/metrics/metrics';
import type { EntityScores } from '../core/types';
import type { EncodedSentence } from '../core/dataset/vocab';

export interface Evaluation {
  scores: EntityScores;
  /** Predicted tags per sentence. */
  predictions: string[][];
}

/** Tags per sentence, in the sentences' order (batched by length, which only changes the padding). */
export async function predictTags(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<string[][]> {
  const out: string[][] = new Array(sentences.length);
  for (const idx of lengthSortedBatches(sentences.map((s) => s.words.length), batchSize)) {
    const paths = await tagger.predict(makeBatch(idx.map((i) => sentences[i])));
    paths.forEach((p, k) => (out[idx[k]] = p.map((id) => labels[id])));
  }
  return out;
}

export async function evaluateTagger(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<Evaluation> {
  const predictions = await predictTags(tagger, sentences, labels, batchSize);
  const gold = sentences.map((s) => Array.from(s.labels, (id) => (id >= 0 ? labels[id] : 'O')));
  return { scores: entityScores(gold, predictions), predictions };
}
