import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../core/rng';
import { crfGoldScore, crfLogLikelihood, crfLogPartition } from './crf';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../testing/tfjs';

/** A tiny CRF problem with plain arrays, scored in float64 by enumerating all K^T paths. */
interface Problem {
  B: number;
  T: number;
  K: number;
  lengths: number[];
  emissions: Float64Array; // [B, T, K]
  trans: Float64Array; // [K, K]
  start: Float64Array;
  end: Float64Array;
  labels: Int32Array; // [B, T], 0 at padding
}

function makeProblem(seed: number, lengths: number[], T: number, K: number): Problem {
  const rng = makeRng(seed);
  const rand = (n: number) => Float64Array.from({ length: n }, () => Math.fround(rng() * 4 - 2));
  const B = lengths.length;
  const labels = new Int32Array(B * T);
  lengths.forEach((n, b) => {
    for (let t = 0; t < n; t++) labels[b * T + t] = Math.floor(rng() * K);
  });
  return { B, T, K, lengths, emissions: rand(B * T * K), trans: rand(K * K), start: rand(K), end: rand(K), labels };
}

function allPaths(n: number, K: number): number[][] {
  if (n === 0) return [[]];
  return allPaths(n - 1, K).flatMap((p) => Array.from({ length: K }, (_, k) => [...p, k]));
}

function pathScore(p: Problem, b: number, path: number[]): number {
  const { T, K } = p;
  let s = p.start[path[0]] + p.end[path[path.length - 1]];
  path.forEach((y, t) => {
    s += p.emissions[(b * T + t) * K + y];
    if (t > 0) s += p.trans[path[t - 1] * K + y];
  });
  return s;
}

function bruteLogPartition(p: Problem, b: number): number {
  const scores = allPaths(p.lengths[b], p.K).map((path) => pathScore(p, b, path));
  const m = Math.max(...scores);
  return m + Math.log(scores.reduce((a, s) => a + Math.exp(s - m), 0));
}

function goldPath(p: Problem, b: number): number[] {
  return Array.from(p.labels.subarray(b * p.T, b * p.T + p.lengths[b]));
}

/** Mean negative log-likelihood over the batch, in float64. */
function bruteNll(p: Problem): number {
  let total = 0;
  for (let b = 0; b < p.B; b++) total += bruteLogPartition(p, b) - pathScore(p, b, goldPath(p, b));
  return total / p.B;
}

function tensors(p: Problem) {
  const mask = new Float32Array(p.B * p.T);
  p.lengths.forEach((n, b) => mask.fill(1, b * p.T, b * p.T + n));
  return {
    emissions: tf.tensor3d(Float32Array.from(p.emissions), [p.B, p.T, p.K]),
    labels: tf.tensor2d(p.labels, [p.B, p.T], 'int32'),
    mask: tf.tensor2d(mask, [p.B, p.T]),
    trans: tf.tensor2d(Float32Array.from(p.trans), [p.K, p.K]),
    start: tf.tensor1d(Float32Array.from(p.start)),
    end: tf.tensor1d(Float32Array.from(p.end)),
  };
}

/** Gradients of the mean NLL with respect to emissions, transitions, start and end, read back. */
async function nllGrads(p: Problem): Promise<Float32Array[]> {
  return expectNoLeaks(async () => {
    const x = tensors(p);
    // Variables rather than tf.grads: with T = 1 no transition is taken, so the NLL does not
    // reach the transitions at all (tf.grads would throw); their gradient is then zero.
    const vars = [x.emissions, x.trans, x.start, x.end].map((t) => tf.variable(t));
    const [em, tr, st, en] = vars;
    const out = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.neg(tf.mean(crfLogLikelihood(em as tf.Variable<tf.Rank.R3>, x.labels, x.mask, tr as tf.Variable<tf.Rank.R2>, st as tf.Variable<tf.Rank.R1>, en as tf.Variable<tf.Rank.R1>))),
        vars,
      );
      value.dispose();
      return vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
    });
    const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose([...out, ...vars, ...Object.values(x)]);
    return values;
  });
}

/** Compares each gradient entry with a central difference of bruteNll, in float64. */
function expectCentralDifferences(p: Problem, grads: Float32Array[]): void {
  const params = [p.emissions, p.trans, p.start, p.end];
  const eps = 1e-5;
  params.forEach((param, which) => {
    for (let i = 0; i < param.length; i++) {
      const keep = param[i];
      param[i] = keep + eps;
      const up = bruteNll(p);
      param[i] = keep - eps;
      const down = bruteNll(p);
      param[i] = keep;
      expect(Math.abs(grads[which][i] - (up - down) / (2 * eps)), `param ${which} index ${i}`).toBeLessThan(1e-4);
    }
  });
}

const PROBLEMS = [
  { seed: 1, lengths: [4, 2], T: 4, K: 3 },
  { seed: 2, lengths: [1, 3], T: 3, K: 3 },
  { seed: 3, lengths: [2, 2], T: 2, K: 3 },
  { seed: 4, lengths: [1], T: 1, K: 3 },
  { seed: 7, lengths: [1, 1, 1], T: 1, K: 4 },
];

describe.each(TEST_BACKENDS)('CRF on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each(PROBLEMS)('log partition, gold score and likelihood match brute force (seed $seed)', async ({ seed, lengths, T, K }) => {
    await useBackend(backend);
    const p = makeProblem(seed, lengths, T, K);
    const [logZ, gold, ll] = await expectNoLeaks(async () => {
      const out = tf.tidy(() => {
        const x = tensors(p);
        return [
          crfLogPartition(x.emissions, x.mask, x.trans, x.start, x.end),
          crfGoldScore(x.emissions, x.labels, x.mask, x.trans, x.start, x.end),
          crfLogLikelihood(x.emissions, x.labels, x.mask, x.trans, x.start, x.end),
        ];
      });
      const values = await Promise.all(out.map((t) => t.data()));
      tf.dispose(out);
      return values;
    });
    for (let b = 0; b < p.B; b++) {
      expect(logZ[b]).toBeCloseTo(bruteLogPartition(p, b), 4);
      expect(gold[b]).toBeCloseTo(pathScore(p, b, goldPath(p, b)), 4);
      expect(ll[b]).toBeLessThanOrEqual(0);
      expect(ll[b]).toBeCloseTo(gold[b] - logZ[b], 4);
    }
  });

  test('an empty sentence has log-likelihood 0 and gives no gradient', async () => {
    await useBackend(backend);
    const p = makeProblem(6, [0, 2], 2, 3);
    const [ll, grad] = await expectNoLeaks(async () => {
      const out = tf.tidy(() => {
        const x = tensors(p);
        const f = (em: tf.Tensor) => crfLogLikelihood(em as tf.Tensor3D, x.labels, x.mask, x.trans, x.start, x.end);
        return [f(x.emissions), tf.grad((em: tf.Tensor) => tf.sum(f(em)))(x.emissions)];
      });
      const values = await Promise.all(out.map((t) => t.data()));
      tf.dispose(out);
      return values;
    });
    expect(ll[0] === 0).toBe(true);
    expect(ll[1]).toBeCloseTo(pathScore(p, 1, goldPath(p, 1)) - bruteLogPartition(p, 1), 4);
    expect(grad.subarray(0, 6).every((g) => g === 0)).toBe(true);
  });

  test.each([
    { lengths: [3, 2], T: 3 },
    { lengths: [1, 1], T: 1 },
  ])('gradients of the NLL match central differences of a float64 brute force (lengths $lengths)', async ({ lengths, T }) => {
    await useBackend(backend);
    const p = makeProblem(5, lengths, T, 3);
    const grads = await nllGrads(p);
    expectCentralDifferences(p, grads);
    // Padded emissions get no gradient.
    for (let t = lengths[1]; t < T; t++) for (let k = 0; k < 3; k++) expect(grads[0][(1 * T + t) * 3 + k]).toBe(0);
  });
});
