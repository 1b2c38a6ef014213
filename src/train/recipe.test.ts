/**
 * The from-scratch recipe's options, each changing what it should and nothing else: singletons to UNK, the casing
 * feature, the char BiLSTM, checkpoint averaging. (inverse_time: schedules.test.ts; resuming with them all:
 * runTraining.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { singletonMask } from '../core/dataset/singletons';
import { buildVocabularies, makeEncoder, type EncodedSentence } from '../core/dataset/vocab';
import { Tagger } from '../model/tagger';
import { expectNoLeaks, sentence, TINY_SENTENCES, useBackend } from '../../testing/tfjs';
import { meanWeights } from './checkpointAverage';
import { runTraining, taggerConfigFor, type TrainData, type TrainState } from './runTraining';

const vocab = buildVocabularies(TINY_SENTENCES);
const encode = makeEncoder(vocab);
const DEV = [sentence('Anna lives in Rome', 'B-PER O O B-LOC'), sentence('Acme Corp is in Oslo', 'B-ORG I-ORG O O B-LOC')];
const DATA: TrainData = { vocab, train: TINY_SENTENCES.map(encode), dev: DEV.map(encode) };
const TINY: RunConfig = { ...DEFAULT_CONFIG, wordDim: 8, charDim: 4, charFilters: 4, hidden: 8, dropout: 0.2, batchSize: 2, epochs: 2, learningRate: 0.05, backend: 'cpu' };

async function losses(config: RunConfig, data: TrainData = DATA): Promise<number[]> {
  const out: number[] = [];
  const r = await expectNoLeaks(async () => {
    const result = await runTraining(config, data, { onStep: (e) => out.push(e.loss) });
    result.tagger.dispose();
    return result;
  });
  expect(r.steps).toBe(out.length);
  return out;
}

async function initialWeights(config: RunConfig): Promise<Map<string, Float32Array>> {
  const tagger = new Tagger(taggerConfigFor(config, vocab), config.seed);
  const weights = new Map((await tagger.exportWeights()).map((w) => [w.name, w.data.slice()]));
  tagger.dispose();
  return weights;
}

beforeAll(() => useBackend('cpu'));
afterAll(() => useBackend('cpu'));

describe('the from-scratch recipe', () => {
  it('singletons to UNK with p = 1 trains exactly as data whose singleton words were UNK to begin with', async () => {
    const mask = singletonMask(DATA.train, vocab.words.length);
    expect(mask.some((m) => m === 1)).toBe(true);
    const unked: EncodedSentence[] = DATA.train.map((s) => ({ ...s, words: s.words.map((w) => (mask[w] ? 1 : w)) }));
    // No dropout: the masks would be the same anyway, but this keeps the comparison to the words alone.
    const config = { ...TINY, dropout: 0 };
    const replaced = await losses({ ...config, singletonUnk: 1 });
    expect(replaced).toEqual(await losses(config, { ...DATA, train: unked }));
    expect(replaced).not.toEqual(await losses(config));
  });

  it('seeded runs with every option repeat exactly', async () => {
    const config: RunConfig = { ...TINY, singletonUnk: 0.5, casingDim: 3, charEncoder: 'lstm', charHidden: 3, schedule: 'inverse_time', averageCheckpoints: 2, evalEvery: 1 };
    const a = await losses(config);
    expect(await losses(config)).toEqual(a);
    expect(await losses({ ...config, seed: 9 })).not.toEqual(a);
  });

  it('the casing feature adds its embedding and leaves every other initial weight as it was', async () => {
    const plain = await initialWeights(TINY);
    const cased = await initialWeights({ ...TINY, casingDim: 3 });
    expect([...cased.keys()].filter((k) => !plain.has(k))).toEqual(['casing_embeddings']);
    expect(cased.get('casing_embeddings')).toHaveLength(8 * 3);
    for (const name of ['word_embeddings', 'char_embeddings', 'char_cnn.kernel']) expect(cased.get(name)).toEqual(plain.get(name));
    // The BiLSTM reads 3 more features per token.
    expect(cased.get('bilstm.fw.kernel')!.length - plain.get('bilstm.fw.kernel')!.length).toBe(3 * 4 * 8);
  });

  it('the char BiLSTM replaces the char CNN and keeps the word embeddings', async () => {
    const plain = await initialWeights(TINY);
    const lstm = await initialWeights({ ...TINY, charEncoder: 'lstm', charHidden: 3 });
    expect([...lstm.keys()].filter((k) => k.startsWith('char_'))).toEqual(['char_embeddings', 'char_lstm.fw.kernel', 'char_lstm.fw.bias', 'char_lstm.bw.kernel', 'char_lstm.bw.bias']);
    expect(lstm.get('word_embeddings')).toEqual(plain.get('word_embeddings'));
    expect(lstm.get('char_embeddings')).toEqual(plain.get('char_embeddings'));
    // Word features: 8 word dims + 2 * 3 char features, then the LSTM's own 8 units: [(14 + 8), 4 * 8].
    expect(lstm.get('bilstm.fw.kernel')).toHaveLength((8 + 6 + 8) * 4 * 8);
  });

  it('checkpoint averaging keeps, as the best checkpoint, the mean of the weights at the last evaluations', async () => {
    const config: RunConfig = { ...TINY, averageCheckpoints: 3, evalEvery: 1, epochs: 2 };
    const states: TrainState[] = [];
    const result = await expectNoLeaks(async () => {
      const r = await runTraining(config, DATA, { onState: (s) => void states.push(structuredClone(s)) });
      r.tagger.dispose();
      return r;
    });
    // A state follows every evaluation, with the weights as trained (the averaged ones are put back after scoring).
    const best = result.best!;
    const upTo = states.filter((s) => s.step <= best.step).slice(-3);
    const expected = meanWeights(upTo.map((s) => s.weights));
    expect(upTo.at(-1)!.recent!.map((snapshot) => snapshot[0].data)).toEqual(upTo.map((s) => s.weights[0].data));
    best.weights.forEach((w, i) => w.data.forEach((v, k) => expect(v).toBeCloseTo(expected[i].data[k], 6)));
    // Without averaging, the last weights trained are the state's; with it, too: training never sees the mean.
    expect(result.state.weights.map((w) => w.data)).toEqual(states.at(-1)!.weights.map((w) => w.data));
  });
});

describe('meanWeights', () => {
  it('averages element-wise and refuses snapshots that differ', () => {
    const a = [{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }];
    const b = [{ name: 'w', shape: [2], data: new Float32Array([3, 6]) }];
    expect(meanWeights([a, b])).toEqual([{ name: 'w', shape: [2], data: new Float32Array([2, 4]) }]);
    expect(() => meanWeights([a, [{ name: 'v', shape: [2], data: new Float32Array(2) }]])).toThrow(/snapshots differ at 'w'/);
  });
});
