import { describe, expect, it } from 'vitest';
import { crfMarginals, softmaxMarginals, spanConfidence } from './marginals';
import { makeRng } from '../rng';

function allPaths(n: number, K: number): number[][] {
  if (n === 0) return [[]];
  return allPaths(n - 1, K).flatMap((p) => Array.from({ length: K }, (_, k) => [...p, k]));
}

describe('crfMarginals', () => {
  it.each([
    { seed: 1, n: 3, K: 3 },
    { seed: 2, n: 4, K: 2 },
    { seed: 3, n: 1, K: 4 },
  ])('equals brute-force enumeration of all paths (seed $seed)', ({ seed, n, K }) => {
    const rng = makeRng(seed);
    const r = (m: number) => Float32Array.from({ length: m }, () => rng() * 4 - 2);
    const em = r(n * K);
    const trans = r(K * K);
    const start = r(K);
    const end = r(K);
    const expected = new Float64Array(n * K);
    let Z = 0;
    for (const p of allPaths(n, K)) {
      let s = start[p[0]] + end[p[n - 1]];
      p.forEach((y, t) => (s += em[t * K + y] + (t > 0 ? trans[p[t - 1] * K + y] : 0)));
      const w = Math.exp(s);
      Z += w;
      p.forEach((y, t) => (expected[t * K + y] += w));
    }
    const got = crfMarginals(em, n, K, trans, start, end);
    for (let i = 0; i < n * K; i++) expect(got[i]).toBeCloseTo(expected[i] / Z, 6);
  });
});

describe('softmaxMarginals and spanConfidence', () => {
  it('work out by hand', () => {
    // token 0: logits [0, ln 3] -> [0.25, 0.75]; token 1: [ln 4, 0] -> [0.8, 0.2]
    const m = softmaxMarginals(Float32Array.from([0, Math.log(3), Math.log(4), 0]), 2, 2);
    expect([...m].map((x) => +x.toFixed(6))).toEqual([0.25, 0.75, 0.8, 0.2]);
    expect(spanConfidence({ type: 'X', start: 0, end: 2 }, [1, 0], m, 2)).toBeCloseTo((0.75 + 0.8) / 2, 6);
  });
});
