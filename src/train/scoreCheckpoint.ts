/**
 * @file A finished run's test score: its checkpoint file, tagged over a split given as written (tokens and gold tags),
 * with the checkpoint's own vocabularies in the batches dev was scored with. One function under the studio's
 * prediction worker, `ner train` and `ner study`, so a run's test F1 is the same number wherever it is read.
 */
import { makeEncoder } from '../core/dataset/vocab';
import { entityScores } from '../core/metrics/metrics';
import type { EntityScores } from '../core/types';
import { loadCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { evalBatchSize } from './runTraining';

export interface GoldSplit {
  tokens: string[][];
  tags: string[][];
}

export async function scoreCheckpoint(checkpoint: Uint8Array, split: GoldSplit): Promise<EntityScores> {
  if (split.tokens.length !== split.tags.length) throw new Error(`the split has ${split.tokens.length} token lists but ${split.tags.length} tag lists`);
  const { tagger, config, vocab, attachPieces } = loadCheckpoint(checkpoint);
  try {
    const sentences = split.tokens.map((tokens, i) => ({ tokens, tags: split.tags[i] }));
    const encoded = attachPieces(sentences.map(makeEncoder(vocab)), split.tokens);
    const predicted = await predictTags(tagger, encoded, vocab.labels, evalBatchSize(config));
    return entityScores(split.tags, predicted);
  } finally {
    tagger.dispose();
  }
}
