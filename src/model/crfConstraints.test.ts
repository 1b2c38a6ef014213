import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { allowedTransitions, firstForbidden, type AllowedTransitions } from '../core/tags/constraints';
import { makeRng } from '../core/rng';
import type { TagScheme } from '../core/tags/tags';
import { viterbiDecode } from '../core/decode/viterbi';
import { constrainedScores, crfGoldScore, crfLogPartition } from './crf';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../testing/tfjs';

const LABELS: Record<'IOB2' | 'IOBES', string[]> = {
  IOB2: ['O', 'B-LOC', 'B-PER', 'I-LOC', 'I-PER'],
  IOBES: ['O', 'B-PER', 'E-PER', 'I-PER', 'S-PER'],
};

function allPaths(n: number, K: number): number[][] {
  if (n === 0) return [[]];
  return allPaths(n - 1, K).flatMap((p) => Array.from({ length: K }, (_, k) => [...p, k]));
}

/** A random problem: float64 copies of the float32 values the tensors hold. */
function problem(seed: number, B: number, T: number, K: number) {
  const rng = makeRng(seed);
  const rand = (n: number) => Float64Array.from({ length: n }, () => Math.fround(rng() * 6 - 3));
  return { emissions: rand(B * T * K), trans: rand(K * K), start: rand(K), end: rand(K) };
}

type Problem = ReturnType<typeof problem>;

function score(p: Problem, b: number, T: number, K: number, path: number[]): number {
  let s = p.start[path[0]] + p.end[path[path.length - 1]];
  path.forEach((y, t) => {
    s += p.emissions[(b * T + t) * K + y];
    if (t > 0) s += p.trans[path[t - 1] * K + y];
  });
  return s;
}

const isAllowed = (path: number[], labels: string[], a: AllowedTransitions) => firstForbidden([path], labels, a).sentences === 0;

/** The constrained scores (the learned ones plus the penalty) read back: [transitions, start, end]. */
async function constrained(p: Problem, K: number, a: AllowedTransitions): Promise<Float32Array[]> {
  return expectNoLeaks(async () => {
    const out = tf.tidy(() => {
      const c = constrainedScores({ transitions: tf.tensor2d(Float32Array.from(p.trans), [K, K]), start: tf.tensor1d(Float32Array.from(p.start)), end: tf.tensor1d(Float32Array.from(p.end)) }, a);
      return [c.transitions, c.start, c.end];
    });
    const data = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
    tf.dispose(out);
    return data;
  });
}

describe.each(TEST_BACKENDS)('CRF transition constraints on %s', (backend) => {
  afterAll(() => useBackend('cpu'));

  test.each<'IOB2' | 'IOBES'>(['IOB2', 'IOBES'])('%s: the log-partition is the brute-force sum over allowed paths only', async (scheme) => {
    await useBackend(backend);
    const labels = LABELS[scheme];
    const K = labels.length;
    const a = allowedTransitions(labels, scheme as TagScheme);
    const lengths = [4, 1, 3, 0];
    const B = lengths.length;
    const T = 4;
    const p = problem(11, B, T, K);
    const mask = new Float32Array(B * T);
    lengths.forEach((n, b) => mask.fill(1, b * T, b * T + n));
    const logZ = await expectNoLeaks(async () => {
      const z = tf.tidy(() => {
        const c = constrainedScores({ transitions: tf.tensor2d(Float32Array.from(p.trans), [K, K]), start: tf.tensor1d(Float32Array.from(p.start)), end: tf.tensor1d(Float32Array.from(p.end)) }, a);
        return crfLogPartition(tf.tensor3d(Float32Array.from(p.emissions), [B, T, K]), tf.tensor2d(mask, [B, T]), c.transitions, c.start, c.end);
      });
      const v = await z.data();
      z.dispose();
      return v;
    });
    lengths.forEach((n, b) => {
      if (n === 0) return;
      const scores = allPaths(n, K)
        .filter((path) => isAllowed(path, labels, a))
        .map((path) => score(p, b, T, K, path));
      const m = Math.max(...scores);
      expect(logZ[b], `sentence ${b}`).toBeCloseTo(m + Math.log(scores.reduce((s, x) => s + Math.exp(x - m), 0)), 3);
    });
  });

  test('Viterbi on the constrained scores never outputs a forbidden sequence, and finds the best allowed one', async () => {
    await useBackend(backend);
    for (const scheme of ['IOB2', 'IOBES'] as const) {
      const labels = LABELS[scheme];
      const K = labels.length;
      const a = allowedTransitions(labels, scheme);
      for (let seed = 1; seed <= 20; seed++) {
        const B = 3;
        const T = 4;
        const lengths = [4, 2, 1];
        const p = problem(seed, B, T, K);
        const [trans, start, end] = await constrained(p, K, a);
        const paths = viterbiDecode(Float32Array.from(p.emissions), B, T, K, lengths, trans, start, end);
        paths.forEach((path, b) => {
          expect(isAllowed(path, labels, a), `${scheme} seed ${seed}: ${path.map((y) => labels[y]).join(' ')}`).toBe(true);
          const best = Math.max(...allPaths(lengths[b], K).filter((q) => isAllowed(q, labels, a)).map((q) => score(p, b, T, K, q)));
          expect(score(p, b, T, K, path)).toBeCloseTo(best, 4);
        });
      }
    }
  });

  test('gradients through the penalty stay finite and reach the learned scores', async () => {
    await useBackend(backend);
    const labels = LABELS.IOB2;
    const K = labels.length;
    const a = allowedTransitions(labels, 'IOB2');
    const p = problem(5, 2, 3, K);
    const gold = new Int32Array([0, 2, 4, 1, 3, 0]); // O B-PER I-PER | B-LOC I-LOC O: both allowed
    const grads = await expectNoLeaks(async () => {
      const out = tf.tidy(() => {
        const vars = [tf.tensor2d(Float32Array.from(p.trans), [K, K]), tf.tensor1d(Float32Array.from(p.start)), tf.tensor1d(Float32Array.from(p.end))];
        const emissions = tf.tensor3d(Float32Array.from(p.emissions), [2, 3, K]);
        const labelsT = tf.tensor2d(gold, [2, 3], 'int32');
        const mask = tf.ones([2, 3]) as tf.Tensor2D;
        const nll = (tr: tf.Tensor, st: tf.Tensor, en: tf.Tensor) => {
          const c = constrainedScores({ transitions: tr as tf.Tensor2D, start: st as tf.Tensor1D, end: en as tf.Tensor1D }, a);
          return tf.sum(tf.sub(crfLogPartition(emissions, mask, c.transitions, c.start, c.end), crfGoldScore(emissions, labelsT, mask, c.transitions, c.start, c.end)));
        };
        return tf.grads(nll)(vars);
      });
      const data = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose(out);
      return data;
    });
    for (const g of grads) expect(g.every(Number.isFinite)).toBe(true);
    // O -> I-PER is forbidden: no path takes it, so its gradient is 0; B-PER -> I-PER is taken by the gold path.
    expect(grads[0][0 * K + 4]).toBeCloseTo(0, 6);
    expect(Math.abs(grads[0][2 * K + 4])).toBeGreaterThan(1e-3);
  });
});
