import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/dataset/batch';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { Tagger } from '../model/tagger';
import { expectNoLeaks, useBackend, TINY_SENTENCES, sentence } from '../../testing/tfjs';
import { evaluateTagger } from './evaluate';
import { makeOptimizer } from './optimizers';
import { runTraining, taggerConfigFor, type EvalEvent, type StepEvent, type TrainData, type TrainHooks, type TrainState } from './runTraining';
import { weightMap } from './trainState';
import { trainStep } from './trainStep';

const TRAIN = TINY_SENTENCES;
const DEV = [sentence('Anna lives in Rome', 'B-PER O O B-LOC'), sentence('Acme Corp is in Oslo', 'B-ORG I-ORG O O B-LOC')];
const vocab = buildVocabularies(TRAIN);
const encode = makeEncoder(vocab);
const DATA: TrainData = { vocab, train: TRAIN.map(encode), dev: DEV.map(encode) };

/** 6 sentences, batch 2: three steps an epoch. */
const TINY: RunConfig = { ...DEFAULT_CONFIG, wordDim: 8, charDim: 4, charFilters: 4, hidden: 8, dropout: 0.2, batchSize: 2, epochs: 2, learningRate: 0.05, backend: 'cpu' };

/** Trains, records steps and evaluations, disposes the tagger, and fails on any leaked tensor. */
async function train(config: RunConfig, hooks: TrainHooks = {}, resumeFrom?: TrainState) {
  const steps: StepEvent[] = [];
  const evals: EvalEvent[] = [];
  const tensorsAtStep: number[] = [];
  const result = await expectNoLeaks(async () => {
    const r = await runTraining(
      config,
      DATA,
      {
        ...hooks,
        onStep: (e) => {
          steps.push(e);
          tensorsAtStep.push(tf.memory().numTensors);
          hooks.onStep?.(e);
        },
        onEval: (e) => evals.push(e),
      },
      resumeFrom,
    );
    r.tagger.dispose();
    return r;
  });
  return { result, losses: steps.map((e) => e.loss), steps, evals, tensorsAtStep };
}

beforeAll(() => useBackend('cpu'));
afterAll(() => useBackend('cpu'));

describe('runTraining', () => {
  it('is reproducible: the same seed gives identical losses, another seed different ones', async () => {
    const a = await train(TINY);
    const b = await train(TINY);
    const c = await train({ ...TINY, seed: 7 });
    expect(a.losses).toHaveLength(6);
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('is reproducible on wasm too', async () => {
    await useBackend('wasm');
    try {
      const a = await train({ ...TINY, epochs: 1 });
      const b = await train({ ...TINY, epochs: 1 });
      expect(b.losses).toEqual(a.losses);
    } finally {
      await useBackend('cpu');
    }
  });

  it('keeps the tensor count flat across steps and reports lr, epochs and evaluations', async () => {
    const { result, steps, evals, tensorsAtStep } = await train({ ...TINY, schedule: 'linear', warmupSteps: 2 });
    expect(new Set(tensorsAtStep).size).toBe(1);
    // linear: warm-up 0.025, 0.05, then decay over the 4 remaining steps.
    expect(steps.map((e) => e.lr)).toEqual([0.025, 0.05, 0.05, 0.0375, 0.025, 0.0125].map((v) => expect.closeTo(v, 12)));
    expect(steps.map((e) => e.epoch)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(steps.every((e) => e.stepsPerEpoch === 3 && e.gradNorm > 0)).toBe(true);
    expect(evals.map((e) => [e.step, e.epoch])).toEqual([[3, 1], [6, 2]]);
    expect(result).toMatchObject({ status: 'finished', stoppedEarly: false, steps: 6, epochs: 2 });
    expect(result.bestDevF1).toBe(Math.max(...evals.map((e) => e.scores.f1)));
  });

  it('keeps the best weights: loaded into a fresh tagger they score the best dev F1', async () => {
    const { result, evals } = await train({ ...TINY, evalEvery: 1, epochs: 3, learningRate: 0.1 });
    const best = result.best!;
    expect(evals.find((e) => e.improved && e.step === best.step)?.scores.f1).toBe(best.f1);
    await expectNoLeaks(async () => {
      const tagger = new Tagger(taggerConfigFor(TINY, vocab), 1);
      tagger.importWeights(weightMap(best.weights));
      const { scores } = await evaluateTagger(tagger, DATA.dev, vocab.labels, 32);
      tagger.dispose();
      expect(scores.f1).toBe(best.f1);
    });
  });

  it('stops early after `patience` evaluations without a better dev F1', async () => {
    // A learning rate this small cannot change a prediction: every evaluation after the first ties.
    const { result, evals } = await train({ ...TINY, learningRate: 1e-7, evalEvery: 1, patience: 2, epochs: 5 });
    expect(evals.map((e) => e.improved)).toEqual([true, false, false]);
    expect(result).toMatchObject({ status: 'finished', stoppedEarly: true, steps: 3, best: { step: 1 } });
  });

  it('hands out a resumable state after each evaluation and every stateEvery steps', async () => {
    const at: number[] = [];
    await train({ ...TINY, stateEvery: 2 }, { onState: (st) => void at.push(st.step) });
    expect(at).toEqual([2, 3, 4, 6]);
  });

  it.each<[string, number, Partial<RunConfig>]>([
    ['adam, stopped mid-epoch', 2, {}],
    ['adamw + cosine warm-up, stopped at an epoch boundary', 3, { optimizer: 'adamw', schedule: 'cosine', warmupSteps: 2 }],
    // 3 micro-batches an epoch in groups of 2: the second step of each epoch has one.
    ['sgd + accumulation of 2, stopped mid-epoch', 1, { optimizer: 'sgd', gradAccumulation: 2, learningRate: 0.1 }],
    // Singletons to UNK draw per micro-batch, and averaging keeps the last evaluations' weights in the state.
    [
      'the from-scratch recipe (singletons to UNK, casing, char BiLSTM, inverse_time, averaging), stopped mid-epoch',
      4,
      { singletonUnk: 0.5, casingDim: 3, charEncoder: 'lstm', charHidden: 3, schedule: 'inverse_time', lrDecay: 0.5, averageCheckpoints: 2, evalEvery: 1, epochs: 3 },
    ],
  ])('%s: a resumed run continues the same loss curve', async (_, stopAfter, overrides) => {
    const config = { ...TINY, ...overrides };
    const whole = await train(config);
    let seen = 0;
    const first = await train(config, { onStep: () => seen++, shouldStop: () => seen >= stopAfter });
    expect(first.result.status).toBe('stopped');
    // As if written to disk and read back by another process: no shared objects.
    const saved = structuredClone(first.result.state);
    const rest = await train(config, {}, saved);
    // Not bit-exact: Adam's restored bias correction is beta^t by pow, not by t float32 products.
    const resumed = [...first.losses, ...rest.losses];
    expect(resumed).toHaveLength(whole.losses.length);
    resumed.forEach((l, i) => expect(Math.abs(l - whole.losses[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(l))));
    expect(rest.result.steps).toBe(whole.result.steps);
  });

  it('refuses to resume under a config that changes the curve, naming the key', async () => {
    const { result } = await train({ ...TINY, maxSteps: 1 });
    await expectNoLeaks(() =>
      expect(runTraining({ ...TINY, seed: 9 }, DATA, {}, result.state)).rejects.toThrow(/resume: seed: 42 in the saved state, 9 in this config/),
    );
  });
});

describe('trainStep', () => {
  it('accumulating 2 micro-batches of 1 equals one batch of 2 (no dropout)', async () => {
    const config = { ...TINY, dropout: 0, optimizer: 'sgd' as const };
    const [x, y] = [DATA.train[0], DATA.train[1]];
    const run = async (batches: ReturnType<typeof makeBatch>[]) =>
      expectNoLeaks(async () => {
        const tagger = new Tagger(taggerConfigFor(config, vocab), 3);
        const vars = [...tagger.namedVariables()].map(([name, variable]) => ({ name, variable }));
        const optimizer = makeOptimizer('sgd', vars, config);
        const { loss } = await trainStep(tagger, vars, optimizer, batches, 0.1, 0);
        const weights = await tagger.exportWeights();
        optimizer.dispose();
        tagger.dispose();
        return { loss, weights: weights.flatMap((w) => Array.from(w.data)) };
      });
    const together = await run([makeBatch([x, y])]);
    const accumulated = await run([makeBatch([x]), makeBatch([y])]);
    expect(accumulated.loss).toBeCloseTo(together.loss, 4);
    const maxDiff = Math.max(...together.weights.map((w, i) => Math.abs(w - accumulated.weights[i])));
    expect(maxDiff).toBeLessThan(1e-4);
  });
});
