/**
 * @file Tags free text with a trained tagger: tokenize, encode with the checkpoint's vocabularies,
 * decode, and give every entity a confidence from the token marginals.
 */
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/dataset/batch';
import { crfMarginals, softmaxMarginals, spanConfidence } from '../core/decode/marginals';
import { getSpans } from '../core/tags/tags';
import { makeEncoder, type Vocabularies } from '../core/dataset/vocab';
import { viterbiDecode } from '../core/decode/viterbi';
import { tokenizeText, type WordToken } from '../core/dataset/wordTokenize';
import type { Tagger } from '../model/tagger';
import type { AttachPieces } from './pretrained';

export interface EntityPrediction {
  type: string;
  /** Token range, end exclusive. */
  start: number;
  end: number;
  text: string;
  confidence: number;
}

export interface TextPrediction {
  tokens: WordToken[];
  tags: string[];
  entities: EntityPrediction[];
}

/** attachPieces: loadCheckpoint's, for a tagger that reads more than word ids (a pretrained encoder's subwords). */
export async function predictText(tagger: Tagger, vocab: Vocabularies, text: string, attachPieces?: AttachPieces): Promise<TextPrediction> {
  const tokens = tokenizeText(text);
  if (tokens.length === 0) return { tokens, tags: [], entities: [] };
  const words = tokens.map((t) => t.text);
  const plain = makeEncoder(vocab)({ tokens: words, tags: words.map(() => 'O') });
  const [encoded] = attachPieces ? attachPieces([plain], [words]) : [plain];
  const batch = makeBatch([encoded]);
  const n = words.length;
  const K = vocab.labels.length;
  const vars = tagger.namedVariables();
  const crf = ['crf.transitions', 'crf.start', 'crf.end'].map((name) => vars.get(name));
  const hasCrf = crf.every(Boolean);
  const flat = tf.tidy(() => {
    const parts: tf.Tensor[] = [tagger.emissions(batch, false).reshape([n * K])]; // [1, n, K] -> [n*K]
    if (hasCrf) parts.push(...crf.map((v) => v!.reshape([-1])));
    return tf.concat(parts);
  });
  const values = (await flat.data()) as Float32Array; // sync point: one read per sentence
  flat.dispose();
  const emissions = values.subarray(0, n * K);
  let path: number[];
  let marginals: Float64Array;
  if (hasCrf) {
    const trans = values.subarray(n * K, n * K + K * K);
    const start = values.subarray(n * K + K * K, n * K + K * K + K);
    const end = values.subarray(n * K + K * K + K);
    path = viterbiDecode(emissions, 1, n, K, [n], trans, start, end)[0];
    marginals = crfMarginals(emissions, n, K, trans, start, end);
  } else {
    marginals = softmaxMarginals(emissions, n, K);
    path = Array.from({ length: n }, (_, t) => {
      let best = 0;
      for (let k = 1; k < K; k++) if (marginals[t * K + k] > marginals[t * K + best]) best = k;
      return best;
    });
  }
  const tags = path.map((id) => vocab.labels[id]);
  const entities = getSpans(tags).map((span) => ({
    ...span,
    text: text.slice(tokens[span.start].start, tokens[span.end - 1].end),
    confidence: spanConfidence(span, path, marginals, K),
  }));
  return { tokens, tags, entities };
}
