import { afterAll, describe, expect, it } from 'vitest';
import { makeBatch } from '../core/dataset/batch';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { constraintsForLabels } from '../core/tags/constraints';
import { applyPreset } from '../core/config/presets';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { parseWordVectors } from '../core/vectors/wordVectors';
import { expectNoLeaks, useBackend, TINY_SENTENCES, sentence } from '../../testing/tfjs';
import { Tagger } from '../model/tagger';
import { runTraining, taggerConfigFor, type TrainData } from './runTraining';
import { goldConstraintProblem, taggerInitFor } from './taggerInit';

const TRAIN = TINY_SENTENCES.slice(0, 4);
const vocab = buildVocabularies(TRAIN);
const encode = makeEncoder(vocab);
const DATA: TrainData = { vocab, train: TRAIN.map(encode), dev: [] };
const VECTORS = parseWordVectors('Oslo 1 2 3 4\nanna 0 1 0 1\nzebra 1 1 1 1\n', 'v.txt');

describe('taggerInitFor', () => {
  it('matches the vectors to the vocabulary', () => {
    const init = taggerInitFor({ ...DEFAULT_CONFIG, wordDim: 4, wordVectors: 'v.txt' }, vocab, VECTORS);
    expect([...init.wordVectors!.keys()].map((id) => vocab.words[id]).sort()).toEqual(['anna', 'oslo']);
  });

  it.each<[Partial<RunConfig>, boolean, string]>([
    [{ wordDim: 50, wordVectors: 'v.txt' }, true, "wordVectors: 'v.txt' has 4-dimensional vectors but wordDim is 50; set wordDim to 4"],
    [{ wordVectors: 'glove.txt' }, false, "wordVectors: 'glove.txt' is named but its vectors were not loaded"],
  ])('%o refuses: %s', (patch, given, message) => {
    expect(() => taggerInitFor({ ...DEFAULT_CONFIG, ...patch }, vocab, given ? VECTORS : undefined)).toThrow(message);
  });
});

describe('goldConstraintProblem', () => {
  it('passes IOB2 data and names the first sentence IOB1 data breaks', () => {
    const allowed = constraintsForLabels(vocab.labels);
    expect(goldConstraintProblem(allowed, vocab, DATA.train)).toBeNull();
    expect(goldConstraintProblem(null, vocab, DATA.train)).toBeNull();
    const iob1 = [sentence('Anna Berg lives', 'I-PER I-PER O'), ...TRAIN].map(encode);
    expect(goldConstraintProblem(allowed, vocab, iob1)).toMatch(/^constrainTransitions: 1 training sentence breaks the IOB2 rules the CRF is held to \(sentence 1: start -> I-PER\)/);
  });
});

describe('runTraining with the new encoders', () => {
  afterAll(() => useBackend('cpu'));

  it.each([
    ['transformer-small', { modelDim: 16, heads: 2, ffnDim: 16, wordDim: 4, charFilters: 8, learningRate: 0.01, warmupSteps: 2 }],
    ['bilstm-base', { hidden: 8, wordDim: 4, charFilters: 8, learningRate: 0.02 }],
  ] as const)('%s (shrunk) trains from word vectors, its loss on the training set going down', async (preset, shrink) => {
    await useBackend('cpu');
    const config: RunConfig = { ...applyPreset(DEFAULT_CONFIG, preset), ...shrink, wordVectors: 'v.txt', batchSize: 2, epochs: 10, backend: 'cpu' };
    const all = makeBatch(DATA.train);
    const lossOf = async (tagger: Tagger) => {
      const t = tagger.loss(all, false);
      const v = (await t.data())[0];
      t.dispose();
      return v;
    };
    await expectNoLeaks(async () => {
      const initial = new Tagger(taggerConfigFor(config, vocab), config.seed, taggerInitFor(config, vocab, VECTORS));
      const result = await runTraining(config, { ...DATA, wordVectors: VECTORS });
      // The vectors were the start: the same model as `initial` before its first step.
      expect(result.steps).toBe(20);
      expect(await lossOf(result.tagger)).toBeLessThan(0.7 * (await lossOf(initial)));
      initial.dispose();
      result.tagger.dispose();
    });
  });

  it('refuses IOB1 data while the CRF is constrained, and trains it when constraints are off', async () => {
    await useBackend('cpu');
    const iob1 = { ...DATA, train: [sentence('Anna Berg lives', 'I-PER I-PER O'), ...TRAIN].map(encode) };
    const config = { ...DEFAULT_CONFIG, hidden: 4, wordDim: 4, charFilters: 4, epochs: 1, batchSize: 4, backend: 'cpu' as const };
    await expect(runTraining(config, iob1)).rejects.toThrow(/^Cannot train: constrainTransitions: 1 training sentence breaks the IOB2 rules/);
    const result = await runTraining({ ...config, constrainTransitions: false }, iob1);
    expect(result.steps).toBe(2);
    result.tagger.dispose();
  });
});
