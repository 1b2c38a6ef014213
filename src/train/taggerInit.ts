/**
 * @file What a fresh training run checks and brings besides the config: pre-trained word vectors matched to the
 * vocabulary, and gold labels that the CRF's transition constraints allow (IOB1 data breaks IOB2's rules, and a
 * constrained CRF would score its gold paths at about -10^4).
 */
import type { RunConfig } from '../core/config/config';
import { firstForbidden, schemeFromLabels, type AllowedTransitions } from '../core/tags/constraints';
import type { EncodedSentence, Vocabularies } from '../core/dataset/vocab';
import { matchWordVectors, type WordVectors } from '../core/vectors/wordVectors';
import type { TaggerInit } from '../model/tagger';

/** The tagger's starting point; throws (naming the config key) when the word vectors do not fit. */
export function taggerInitFor(config: RunConfig, vocab: Vocabularies, wordVectors: WordVectors | undefined): TaggerInit {
  if (!wordVectors) {
    if (config.wordVectors) throw new Error(`wordVectors: '${config.wordVectors}' is named but its vectors were not loaded`);
    return {};
  }
  const name = config.wordVectors ? `'${config.wordVectors}'` : 'the word vectors';
  if (wordVectors.dim !== config.wordDim) {
    throw new Error(`wordVectors: ${name} has ${wordVectors.dim}-dimensional vectors but wordDim is ${config.wordDim}; set wordDim to ${wordVectors.dim}`);
  }
  return { wordVectors: matchWordVectors(vocab.words, wordVectors).rows };
}

/** Why the gold training labels cannot be trained with these constraints; null when they can (or there are none). */
export function goldConstraintProblem(allowed: AllowedTransitions | null, vocab: Vocabularies, train: EncodedSentence[]): string | null {
  if (!allowed) return null;
  const { first, sentences } = firstForbidden(
    train.map((s) => s.labels),
    vocab.labels,
    allowed,
  );
  if (!first) return null;
  const scheme = schemeFromLabels(vocab.labels);
  return (
    `constrainTransitions: ${sentences} training sentence${sentences === 1 ? '' : 's'} break${sentences === 1 ? 's' : ''} the ${scheme} rules ` +
    `the CRF is held to (sentence ${first.sentence + 1}: ${first.from} -> ${first.to}). Labels named B-/I- are read as IOB2; ` +
    `for IOB1 data, convert it to IOB2 first (ner convert FILE --to iob2), or turn constrainTransitions off (model.constrain_transitions: false)`
  );
}
