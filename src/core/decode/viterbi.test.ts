import { describe, expect, test } from 'vitest';
import { argmaxDecode, viterbiDecode } from './viterbi';
import { makeRng } from '../rng';

function pathScore(em: Float32Array, b: number, T: number, K: number, path: number[], trans: Float32Array, start: Float32Array, end: Float32Array): number {
  let s = start[path[0]] + end[path[path.length - 1]];
  path.forEach((y, t) => {
    s += em[(b * T + t) * K + y];
    if (t > 0) s += trans[path[t - 1] * K + y];
  });
  return s;
}

function allPaths(n: number, K: number): number[][] {
  if (n === 0) return [[]];
  return allPaths(n - 1, K).flatMap((p) => Array.from({ length: K }, (_, k) => [...p, k]));
}

function randomArray(n: number, rng: () => number): Float32Array {
  return Float32Array.from({ length: n }, () => rng() * 4 - 2);
}

describe('viterbiDecode', () => {
  test.each([
    { seed: 1, B: 3, T: 4, K: 3, lengths: [4, 2, 1] },
    { seed: 2, B: 2, T: 5, K: 4, lengths: [3, 5] },
    { seed: 3, B: 1, T: 1, K: 5, lengths: [1] },
  ])('matches brute force over all K^T paths (seed $seed)', ({ seed, B, T, K, lengths }) => {
    const rng = makeRng(seed);
    const em = randomArray(B * T * K, rng);
    const trans = randomArray(K * K, rng);
    const start = randomArray(K, rng);
    const end = randomArray(K, rng);
    const paths = viterbiDecode(em, B, T, K, lengths, trans, start, end);
    for (let b = 0; b < B; b++) {
      let best = allPaths(lengths[b], K)[0];
      for (const p of allPaths(lengths[b], K)) {
        if (pathScore(em, b, T, K, p, trans, start, end) > pathScore(em, b, T, K, best, trans, start, end)) best = p;
      }
      expect(paths[b]).toEqual(best);
    }
  });

  test('a zero-length sentence decodes to an empty path', () => {
    const K = 2;
    const out = viterbiDecode(new Float32Array(2 * K), 1, 2, K, [0], new Float32Array(K * K), new Float32Array(K), new Float32Array(K));
    expect(out).toEqual([[]]);
  });

  test('rejects emissions of the wrong size', () => {
    expect(() => viterbiDecode(new Float32Array(5), 1, 2, 3, [2], new Float32Array(9), new Float32Array(3), new Float32Array(3))).toThrow(/B\*T\*K/);
  });
});

describe('argmaxDecode', () => {
  test('picks the best label per real token', () => {
    // [B=2, T=2, K=3]
    const em = Float32Array.from([0, 5, 1, 9, 0, 0, 2, 1, 3, 7, 7, 7]);
    expect(argmaxDecode(em, 2, 2, 3, [2, 1])).toEqual([[1, 0], [2]]);
  });
});
