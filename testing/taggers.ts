/**
 * @file The model tests' tagger: small model defaults (the studio's own come from the run config through
 * taggerConfigFor), sized to a test's vocabularies.
 */
import type { Vocabularies } from '../src/core/dataset/vocab';
import type { TaggerConfig } from '../src/model/tagger';

const BASE: Omit<TaggerConfig, 'wordVocabSize' | 'charVocabSize' | 'numLabels'> = {
  encoder: 'bilstm',
  wordDim: 100,
  charDim: 30,
  charEncoder: 'cnn',
  charFilters: 30,
  charHidden: 25,
  casingDim: 0,
  charKernel: 3,
  hidden: 100,
  lstmLayers: 1,
  transformerLayers: 2,
  heads: 4,
  modelDim: 128,
  ffnDim: 256,
  positional: 'sinusoidal',
  maxPositions: 512,
  dropout: 0.5,
  crf: true,
  loss: 'crf',
  allowed: null,
};

/** A tagger config for these vocabularies: BASE, the vocabulary sizes, then the overrides. */
export function testTagger(vocab: Vocabularies, overrides: Partial<TaggerConfig> = {}): TaggerConfig {
  return { ...BASE, wordVocabSize: vocab.words.length, charVocabSize: vocab.chars.length, numLabels: vocab.labels.length, ...overrides };
}
