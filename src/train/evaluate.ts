/** @file Scores a tagger on a split: decode batch by batch, map ids to tags, entity-level metrics. */
import type { Tagger } from '../model/tagger';
import { makeBatch, sequentialBatches } from '../core/dataset/batch';
import { entityScores } from '../core/metrics/metrics';
import type { EntityScores } from '../core/types';
import type { EncodedSentence } from '../core/dataset/vocab';

export interface Evaluation {
  scores: EntityScores;
  /** Predicted tags per sentence. */
  predictions: string[][];
}

export async function predictTags(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<string[][]> {
  const out: string[][] = [];
  for (const idx of sequentialBatches(sentences.length, batchSize)) {
    const paths = await tagger.predict(makeBatch(idx.map((i) => sentences[i])));
    for (const p of paths) out.push(p.map((id) => labels[id]));
  }
  return out;
}

export async function evaluateTagger(tagger: Tagger, sentences: EncodedSentence[], labels: string[], batchSize: number): Promise<Evaluation> {
  const predictions = await predictTags(tagger, sentences, labels, batchSize);
  const gold = sentences.map((s) => Array.from(s.labels, (id) => (id >= 0 ? labels[id] : 'O')));
  return { scores: entityScores(gold, predictions), predictions };
}
