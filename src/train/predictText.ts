/**
 * @file Tags free text with a trained tagger (the playground): tokenize, encode with the checkpoint's vocabularies,
 * decode by the tagger's own rule (Tagger.decodeScores, constraints included), and give every entity a confidence
 * from the token marginals under the same scores.
 */
import { makeBatch } from '../core/dataset/batch';
import { crfMarginals, softmaxMarginals, spanConfidence } from '../core/decode/marginals';
import { getSpans } from '../core/tags/tags';
import { makeEncoder, type Vocabularies } from '../core/dataset/vocab';
import { decodePaths } from '../core/decode/viterbi';
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
  const n = words.length;
  // The tagger's own scores and decoding rule, so the playground shows what `ner predict` outputs.
  const scores = await tagger.decodeScores(makeBatch([encoded]));
  const [path] = decodePaths(scores, [n]);
  const { emissions, crf, K } = scores;
  const marginals = crf ? crfMarginals(emissions, n, K, crf.transitions, crf.start, crf.end) : softmaxMarginals(emissions, n, K);
  const tags = path.map((id) => vocab.labels[id]);
  const entities = getSpans(tags).map((span) => ({
    ...span,
    text: text.slice(tokens[span.start].start, tokens[span.end - 1].end),
    confidence: spanConfidence(span, path, marginals, K),
  }));
  return { tokens, tags, entities };
}
