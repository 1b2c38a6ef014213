/**
 * @file How the fused-kernel checks (suite.ts) compare: seeded inputs, one run fused and one unfused on the same
 * inputs, 1e-4 relative agreement per tensor (largest difference over largest magnitude), and a leak check around
 * every check.
 */
import * as tf from '@tensorflow/tfjs';
import { setFusedKernels } from '../../src/model/fused/kernels';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

const TOLERANCE = 1e-4;
export const LENGTHS = [5, 1, 0, 3]; // T, 1, all padding, in between
export const T = 5;

export function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
}
export const values = (r: () => number, n: number, scale = 1) => Float32Array.from({ length: n }, () => r() * scale);
export const maskOf = (lengths: number[]) => tf.tensor2d(lengths.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? 1 : 0))), [lengths.length, T]);

/** Largest difference over largest magnitude; the name of the first tensor past the tolerance, if any. */
export function compare(names: string[], a: Float32Array[], b: Float32Array[]): string | null {
  for (let i = 0; i < names.length; i++) {
    let diff = 0;
    let scale = 0;
    for (let k = 0; k < a[i].length; k++) {
      diff = Math.max(diff, Math.abs(a[i][k] - b[i][k]));
      scale = Math.max(scale, Math.abs(a[i][k]));
    }
    if (!(diff <= TOLERANCE * Math.max(scale, 1e-6))) return `${names[i]}: difference ${diff.toExponential(2)} against magnitude ${scale.toExponential(2)}`;
  }
  return null;
}

/** Runs f fused and unfused, reading its tensors; fails on a leak. */
export async function bothWays(f: () => tf.Tensor[]): Promise<[Float32Array[], Float32Array[]]> {
  const once = async (fused: boolean) => {
    setFusedKernels(fused);
    try {
      const out = f();
      const data = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose(out);
      return data;
    } finally {
      setFusedKernels(true);
    }
  };
  return [await once(false), await once(true)];
}

export async function check(name: string, body: () => Promise<string | null>): Promise<CheckResult> {
  const before = tf.memory().numTensors;
  const started = performance.now();
  const took = () => ` (${((performance.now() - started) / 1000).toFixed(1)} s)`;
  try {
    const problem = await body();
    const leaked = tf.memory().numTensors - before;
    if (problem) return { name, ok: false, detail: problem + took() };
    if (leaked !== 0) return { name, ok: false, detail: `${leaked} tensors leaked${took()}` };
    return { name, ok: true, detail: `fused = unfused${took()}` };
  } catch (e) {
    return { name, ok: false, detail: (e as Error).message + took() };
  }
}

