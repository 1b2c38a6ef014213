/** The pretrained encoder end to end on the tiny BERT checkpoint: training, freezing, save and load, windows. */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/dataset/batch';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import type { Sentence } from '../core/types';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { tinyCheckpointFiles } from '../../testing/hfFixtures';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../testing/tfjs';
import { encodeWords } from '../tokenize/wordWindows';
import { saveCheckpoint, loadCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { attachPiecesFor, pretrainedTrainData, readPretrainedBase, baseModelFiles } from './pretrained';
import { runTraining, type TrainData } from './runTraining';

const s = (text: string, tags: string): Sentence => ({ tokens: text.split(' '), tags: tags.split(' ') });
// Words from the fixture's vocabulary, and some it splits into pieces (londonville, smithson).
const TRAIN = [
  s('John Smith said in Paris today', 'B-PER I-PER O O B-LOC O'),
  s('Mary was at the bank in London', 'B-PER O O O O O B-LOC'),
  s('Reuters said the minister of France was in Berlin', 'B-ORG O O O O B-LOC O O B-LOC'),
  s('the United Nations said', 'O B-ORG I-ORG O'),
  s('Smithson Corp was in Londonville', 'B-ORG I-ORG O O B-LOC'),
  s('president John Smith of Germany', 'O B-PER I-PER O B-LOC'),
];
const DEV = [s('Mary Smith was in Paris', 'B-PER I-PER O O B-LOC'), s('the bank of France', 'O O O B-LOC')];
const vocab = buildVocabularies(TRAIN, DEV);
const encode = makeEncoder(vocab);
const base = readPretrainedBase(tinyCheckpointFiles('tiny-bert'));
const words = { train: TRAIN.map((x) => x.tokens), dev: DEV.map((x) => x.tokens) };

const CONFIG: RunConfig = {
  ...DEFAULT_CONFIG,
  encoder: 'pretrained',
  baseModel: 'tiny-bert',
  batchSize: 3,
  epochs: 6,
  learningRate: 0.003,
  dropout: 0.1,
  backend: 'cpu',
  maxLength: 0,
};

const dataFor = (config: RunConfig): TrainData => pretrainedTrainData(config, base, { vocab, train: TRAIN.map(encode), dev: DEV.map(encode) }, words);

/** Mean loss of the first and the last epoch; dispose() frees the tagger and fails on any leaked tensor. */
async function train(config: RunConfig) {
  const losses: { epoch: number; loss: number }[] = [];
  const before = tf.memory().numTensors;
  const result = await runTraining(config, dataFor(config), { onStep: (e) => losses.push({ epoch: e.epoch, loss: e.loss }) });
  const mean = (epoch: number) => {
    const xs = losses.filter((l) => l.epoch === epoch).map((l) => l.loss);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const dispose = () => {
    result.tagger.dispose();
    expect(tf.memory().numTensors, 'tensors left after the run').toBe(before);
  };
  return { first: mean(1), last: mean(config.epochs), result, trainable: [...result.tagger.trainableVariables().keys()], dispose };
}

afterAll(() => useBackend('cpu'));

describe.each(TEST_BACKENDS)('pretrained encoder on %s', (backend) => {
  it.each([
    { loss: 'crf' as const, crf: true },
    { loss: 'cross_entropy' as const, crf: false },
  ])('trains with $loss: the loss goes down, nothing leaks', async ({ loss, crf }) => {
    await useBackend(backend);
    const run = await train({ ...CONFIG, loss, crf, backend });
    expect(run.last).toBeLessThan(run.first * 0.8);
    expect(run.trainable).toContain('bert.encoder.layer.1.output.dense.weight');
    expect(run.trainable).toContain('emissions.kernel');
    run.dispose();
  });
});

describe('fine-tuning options', () => {
  it('frozen: only the head and the CRF train, the encoder keeps its weights', async () => {
    await useBackend('cpu');
    const run = await train({ ...CONFIG, finetune: 'frozen', epochs: 2 });
    expect(run.trainable.sort()).toEqual(['crf.end', 'crf.start', 'crf.transitions', 'emissions.bias', 'emissions.kernel']);
    const name = 'bert.encoder.layer.0.attention.self.query.weight';
    const trained = await run.result.tagger.namedVariables().get(name)!.data();
    const original = base.encoderWeights!.get(name)!.data; // [out, in]; the variable is [in, out]
    expect(trained[1 * 16 + 0]).toBeCloseTo(original[0 * 16 + 1], 6);
    run.dispose();
  });

  it('top 1 layer and LoRA: only those train', async () => {
    await useBackend('cpu');
    const top = await train({ ...CONFIG, finetune: 'top', topLayers: 1, epochs: 1 });
    expect(top.trainable.some((n) => n.startsWith('bert.encoder.layer.1.'))).toBe(true);
    expect(top.trainable.some((n) => n.startsWith('bert.encoder.layer.0.') || n.startsWith('bert.embeddings'))).toBe(false);
    top.dispose();
    const lora = await train({ ...CONFIG, finetune: 'lora', loraRank: 2, loraAlpha: 4, epochs: 3 });
    expect(lora.trainable.filter((n) => n.includes('lora_')).length).toBe(2 * 2 * 2); // 2 layers x (query, value) x (A, B)
    expect(lora.trainable.filter((n) => n.startsWith('bert.') && !n.includes('lora_'))).toEqual([]);
    expect(lora.last).toBeLessThan(lora.first);
    lora.dispose();
  });

  it("'all' alignment with 'max' and 'average' aggregation trains and predicts one tag per word", async () => {
    await useBackend('cpu');
    for (const aggregation of ['max', 'average'] as const) {
      const config = { ...CONFIG, labelAlignment: 'all' as const, aggregation, epochs: 3 };
      const run = await train(config);
      expect(run.last).toBeLessThan(run.first);
      const dev = dataFor(config).dev;
      const tags = await predictTags(run.result.tagger, dev, vocab.labels, 8);
      expect(tags.map((t) => t.length)).toEqual(DEV.map((x) => x.tokens.length));
      run.dispose();
    }
  });
});

describe('save and load', () => {
  it('a checkpoint with base_model/ loads to the same predictions', async () => {
    await useBackend('cpu');
    const config = { ...CONFIG, finetune: 'lora' as const, epochs: 2, aggregation: 'average' as const };
    const run = await train(config);
    const dev = dataFor(config).dev;
    const expected = await predictTags(run.result.tagger, dev, vocab.labels, 8);
    const trained = { steps: 1, epochs: 1, bestDevF1: null, backend: 'cpu', createdAt: '' };
    const bytes = await saveCheckpoint(run.result.tagger, config, vocab, trained, baseModelFiles(base));
    run.dispose();
    await expectNoLeaks(async () => {
      const loaded = loadCheckpoint(bytes, 'ckpt.zip');
      expect(loaded.pretrained?.spec.family).toBe('bert');
      const again = await predictTags(loaded.tagger, loaded.attachPieces(DEV.map(encode), words.dev), vocab.labels, 8);
      expect(again).toEqual(expected);
      loaded.tagger.dispose();
    });
  });
});

describe('long sentences', () => {
  const long = 'John Smith said in Paris today that the minister of France was at the bank in London with Mary of Reuters and the president'.split(' ');
  const sentence = encode({ tokens: long, tags: long.map(() => 'O') });

  it('windows stitch back: each word scores as in the window that predicts it', async () => {
    await useBackend('cpu');
    const config = { ...CONFIG, epochs: 1, maxLength: 12, stride: 4 };
    const run = await train(config);
    const { tagger } = run.result;
    const K = vocab.labels.length;
    const [windowed] = attachPiecesFor(config, base)([sentence], [long]);
    const windows = encodeWords(base.tokenizer, long, { maxTokens: 12, stride: 4 });
    expect(windows.length).toBeGreaterThan(2);
    const emissionsOf = async (piecesConfig: RunConfig, w: string[]) => {
      const [one] = attachPiecesFor(piecesConfig, base)([encode({ tokens: w, tags: w.map(() => 'O') })], [w]);
      const t = tagger.emissions(makeBatch([one]), false);
      const values = (await t.data()) as Float32Array; // sync point
      t.dispose();
      return values;
    };
    const whole = await (async () => {
      const t = tagger.emissions(makeBatch([windowed]), false);
      const values = (await t.data()) as Float32Array;
      t.dispose();
      return values;
    })();
    for (let w = 0; w < long.length; w++) {
      const window = windows[windowed.pieces!.window[w]];
      const alone = await emissionsOf({ ...config, maxLength: 0 }, long.slice(window.start, window.end));
      const at = w - window.start;
      for (let k = 0; k < K; k++) expect(whole[w * K + k]).toBeCloseTo(alone[at * K + k], 4);
    }
    // A window large enough for the sentence: one window, the same tags as the model's own limit.
    const big = await predictTags(tagger, attachPiecesFor({ ...config, maxLength: 40 }, base)([sentence], [long]), vocab.labels, 1);
    const limit = await predictTags(tagger, attachPiecesFor({ ...config, maxLength: 0 }, base)([sentence], [long]), vocab.labels, 1);
    expect(big).toEqual(limit);
    const split = await predictTags(tagger, [windowed], vocab.labels, 1);
    expect(split[0]).toHaveLength(long.length);
    run.dispose();
  });
});
