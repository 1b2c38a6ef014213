/**
 * @file The part of a word-vector file a dataset can use, packed flat: only the vocabulary's words cross from the
 * data worker to the page and on to the training worker, not a 400 MB GloVe file.
 */
import { matchWordVectors, type WordVectors } from './wordVectors';

export interface MatchedVectors {
  file: string;
  dim: number;
  found: number;
  total: number;
  /** words[i]'s vector is data[i*dim, (i+1)*dim). */
  words: string[];
  data: Float32Array;
}

export function matchedVectors(file: string, wv: WordVectors, vocabulary: readonly string[]): MatchedVectors {
  const { rows, found, total } = matchWordVectors(vocabulary, wv);
  const words: string[] = [];
  const data = new Float32Array(rows.size * wv.dim);
  for (const [id, vector] of rows) {
    data.set(vector, words.length * wv.dim);
    words.push(vocabulary[id]);
  }
  return { file, dim: wv.dim, found, total, words, data };
}

/** Back to the WordVectors the trainer takes (core/wordVectors.ts). */
export function unpackVectors(m: MatchedVectors): WordVectors {
  return { dim: m.dim, vectors: new Map(m.words.map((w, i) => [w, m.data.subarray(i * m.dim, (i + 1) * m.dim)])) };
}
