/**
 * @file The model tests' tagger: small model defaults (the studio's own come from the run config through
 * taggerConfigFor), sized to a test's vocabularies.
 */
import { DEFAULT_CONFIG, type RunConfig } from '../src/core/config/config';
import type { Vocabularies } from '../src/core/dataset/vocab';
import type { TaggerConfig } from '../src/model/tagger';

const pick = <K extends keyof RunConfig>(config: RunConfig, keys: readonly K[]): Pick<RunConfig, K> =>
  Object.fromEntries(keys.map((k) => [k, config[k]])) as Pick<RunConfig, K>;

/** The run config's defaults with wider layers, full dropout and no transition constraints. */
const BASE: Omit<TaggerConfig, 'wordVocabSize' | 'charVocabSize' | 'numLabels'> = {
  ...pick(DEFAULT_CONFIG, ['encoder', 'charEncoder', 'charHidden', 'casingDim', 'lstmLayers', 'transformerLayers', 'heads', 'modelDim', 'ffnDim', 'positional', 'maxPositions', 'crf', 'loss']),
  wordDim: 100,
  charDim: 30,
  charFilters: 30,
  charKernel: 3,
  hidden: 100,
  dropout: 0.5,
  allowed: null,
};

/** A tagger config for these vocabularies: BASE, the vocabulary sizes, then the overrides. */
export function testTagger(vocab: Vocabularies, overrides: Partial<TaggerConfig> = {}): TaggerConfig {
  return { ...BASE, wordVocabSize: vocab.words.length, charVocabSize: vocab.chars.length, numLabels: vocab.labels.length, ...overrides };
}
