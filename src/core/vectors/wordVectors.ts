/**
 * @file Pre-trained word vectors from a text file a person drops in (GloVe's `word v1 v2 ...` lines, or word2vec's
 * text format, whose first line `count dim` is optional here), and their match against the vocabulary, to
 * initialise the word embeddings. Pure: text in, vectors out; errors name the file and line.
 */
import { normaliseWord } from '../dataset/vocab';

export interface WordVectors {
  dim: number;
  /** Word as written in the file -> its vector [dim]. */
  vectors: Map<string, Float32Array>;
}

/**
 * Reads GloVe / word2vec text. Fields are separated by spaces (or tabs); the word is everything before the last `dim`
 * numbers, so a word with a space in it (some GloVe releases have them) still reads. The dimension comes from the
 * header when there is one, else from the first line. Blank lines are skipped; a repeated word keeps its first vector.
 */
export function parseWordVectors(text: string, file: string): WordVectors {
  const lines = text.split(/\r?\n/);
  let dim = 0;
  let sawHeaderOrData = false;
  const vectors = new Map<string, Float32Array>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const fields = line.split(/[ \t]+/);
    const where = `${file}:${i + 1}`;
    const first = !sawHeaderOrData;
    sawHeaderOrData = true;
    if (first && fields.length === 2 && fields.every((f) => /^\d+$/.test(f))) {
      // word2vec header "count dim"; the count is not checked, so a file cut short with `head` still reads.
      dim = Number(fields[1]);
      if (dim < 1) throw new Error(`${where}: the header says ${dim} dimensions; expected at least 1`);
      continue;
    }
    if (dim === 0) {
      dim = fields.length - 1;
      if (dim < 1) throw new Error(`${where}: expected a word followed by its vector, got '${shorten(line)}'`);
    }
    if (fields.length < dim + 1) {
      throw new Error(`${where}: expected a word and ${dim} numbers, got ${fields.length - 1} number${fields.length === 2 ? '' : 's'}`);
    }
    const word = fields.slice(0, fields.length - dim).join(' ');
    const values = new Float32Array(dim);
    for (let d = 0; d < dim; d++) {
      const field = fields[fields.length - dim + d];
      const v = Number(field);
      if (!Number.isFinite(v) || field === '') throw new Error(`${where}: '${shorten(field)}' (value ${d + 1} of '${shorten(word)}') is not a number`);
      values[d] = v;
    }
    if (!vectors.has(word)) vectors.set(word, values);
  }
  if (vectors.size === 0) throw new Error(`${file}: no word vectors found; expected lines of a word followed by numbers (GloVe or word2vec text)`);
  return { dim, vectors };
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export interface WordVectorMatch {
  /** Vocabulary id -> the vector to start its embedding from. */
  rows: Map<number, Float32Array>;
  /** Vocabulary words that found a vector (PAD and UNK are never looked up). */
  found: number;
  /** Vocabulary words looked up. */
  total: number;
}

/**
 * Vectors for the vocabulary's words, matched case-insensitively: the vocabulary is lower-cased (core/vocab.ts), and a
 * file entry counts for its lower-cased form, an exactly lower-case entry ('paris') winning over others ('Paris').
 * `words` is Vocabularies.words: ids 0 and 1 (PAD, UNK) keep their random start.
 */
export function matchWordVectors(words: readonly string[], wv: WordVectors): WordVectorMatch {
  const byLower = new Map<string, Float32Array>();
  for (const [word, vector] of wv.vectors) {
    const key = normaliseWord(word);
    if (word === key || !byLower.has(key)) byLower.set(key, vector);
  }
  const rows = new Map<number, Float32Array>();
  for (let id = 2; id < words.length; id++) {
    const vector = byLower.get(normaliseWord(words[id]));
    if (vector) rows.set(id, vector);
  }
  return { rows, found: rows.size, total: Math.max(0, words.length - 2) };
}
