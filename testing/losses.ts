/**
 * @file Test helpers for the losses: the hand-worked 2-token, 3-label example, building a loss on its
 * own ParamStore, and finite-difference gradients. 
 */
import * as tf from '@tensorflow/tfjs';
import type { LossData } from '../src/core/losses/lossData';
import type { LossParams } from '../src/core/losses/lossParams';
import { makeRng } from '../src/core/rng';
import { ParamStore } from '../src/model/layers/params';
import { createLoss, type LossName } from '../src/model/losses/index';
import type { HostBatch, Loss, LossInputs } from '../src/model/losses/types';

export const LABELS = ['O', 'B-PER', 'I-PER'];
export const LN2 = Math.log(2);
export const LN3 = Math.log(3);

/**
 * The hand example: one sentence of two tokens, gold O then B-PER. Emissions [ln 2, 0, 0] and
 * [0, ln 3, 0], so p1 = [2, 1, 1] / 4 = [0.5, 0.25, 0.25] and p2 = [1, 3, 1] / 5 = [0.2, 0.6, 0.2].
 * CRF scores: all 0 but transitions[O -> B-PER] = ln 2.
 */
export const HAND = {
  emissions: [LN2, 0, 0, 0, LN3, 0],
  labels: [0, 1],
  hidden: [1, 0, 0.6, 0.8], // [1, 2, 2]: cos(h1, h2) = 0.6
};

export interface InputValues {
  B: number;
  T: number;
  K: number;
  emissions: number[] | Float32Array;
  labels: number[];
  mask?: number[];
  hidden?: { H: number; values: number[] | Float32Array };
  extra?: number[][];
  crf?: { transitions: number[]; start: number[]; end: number[] } | null;
}

export function hostBatch(v: InputValues): HostBatch {
  const mask = Float32Array.from(v.mask ?? v.labels.map(() => 1));
  return { size: v.B, maxLen: v.T, labels: Int32Array.from(v.labels), mask, ...(v.extra ? { extra: v.extra.map((c) => Int32Array.from(c)) } : {}) };
}

/** Tensors for `v` (call inside tf.tidy); `emissions`/`hidden` replace the values given, for gradients. */
export function inputs(v: InputValues, emissions?: tf.Tensor, hidden?: tf.Tensor): LossInputs {
  const { B, T, K } = v;
  const crf = v.crf
    ? { transitions: tf.tensor2d(v.crf.transitions, [K, K]), start: tf.tensor1d(v.crf.start), end: tf.tensor1d(v.crf.end) }
    : null;
  const hiddenTensor = hidden ?? (v.hidden ? tf.tensor3d(Array.from(v.hidden.values), [B, T, v.hidden.H]) : undefined);
  return {
    emissions: (emissions ?? tf.tensor3d(Array.from(v.emissions), [B, T, K])) as tf.Tensor3D,
    labels: tf.tensor2d(v.labels, [B, T], 'int32'),
    mask: tf.tensor2d(Array.from(hostBatch(v).mask), [B, T]),
    crf,
    ...(hiddenTensor ? { hidden: hiddenTensor as tf.Tensor3D } : {}),
    batch: hostBatch(v),
  };
}

export const HAND_CRF = { transitions: [0, LN2, 0, 0, 0, 0, 0, 0, 0], start: [0, 0, 0], end: [0, 0, 0] };

export function handValues(overrides: Partial<InputValues> = {}): InputValues {
  return { B: 1, T: 2, K: 3, emissions: HAND.emissions, labels: HAND.labels, hidden: { H: 2, values: HAND.hidden }, crf: null, ...overrides };
}

export interface Built {
  loss: Loss;
  store: ParamStore;
  dispose(): void;
}

export function buildLoss(name: LossName, params: LossParams, opts: { crf?: boolean; hiddenDim?: number; data?: LossData; labels?: string[] } = {}): Built {
  const store = new ParamStore();
  const labels = opts.labels ?? LABELS;
  const loss = createLoss({
    loss: name,
    params,
    crf: opts.crf ?? false,
    numLabels: labels.length,
    hiddenDim: opts.hiddenDim ?? 2,
    data: opts.data ?? { labels, labelCounts: [6, 3, 1], extraSizes: [3, 2] },
    store,
    rng: makeRng(7),
  });
  return { loss, store, dispose: () => store.dispose() };
}

/** The value of a scalar built in a tidy (a read: sync point, fine in tests). */
export async function value(f: () => tf.Scalar): Promise<number> {
  const t = tf.tidy(f);
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

/** Central finite differences of f at x0, one coordinate at a time. */
export async function numericGradient(f: (x: tf.Tensor) => tf.Scalar, x0: Float32Array, shape: number[], eps = 1e-2): Promise<Float32Array> {
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) {
    const at = (delta: number) => {
      const x = x0.slice();
      x[i] += delta;
      return value(() => f(tf.tensor(x, shape)));
    };
    out[i] = ((await at(eps)) - (await at(-eps))) / (2 * eps);
  }
  return out;
}

/** Largest difference between two gradients, and the scale it is judged against. */
export function compareGradients(analytic: Float32Array, numeric: Float32Array): { worst: number; allowed: number } {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < analytic.length; i++) {
    worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]));
    scale = Math.max(scale, Math.abs(analytic[i]));
  }
  return { worst, allowed: 2e-3 + 2e-2 * scale };
}

export function seededValues(n: number, seed: number, scale = 1): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
}
