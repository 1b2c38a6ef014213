/**
 * @file Rotary position embeddings (Su et al. 2021) in transformers' layout: the head's two halves
 * rotate together (rotate_half), x' = x cos + rotate_half(x) sin, with the angles computed in
 * float32 as transformers does, so positions far along round the same way.
 */
import * as tf from '@tensorflow/tfjs';
import { matMulFixedWeight } from '../layers/matMul';
import type { RopeSpec } from './config';

const f32 = Math.fround;

/** inv_freq[i] = 1 / theta^(2i / dim), in float32, with the linear or llama3 scaling applied. */
export function inverseFrequencies(rope: RopeSpec): Float32Array {
  const half = rope.dim / 2;
  const inv = Float32Array.from({ length: half }, (_, i) => f32(1 / f32(Math.pow(rope.theta, f32((2 * i) / rope.dim)))));
  const s = rope.scaling;
  if (!s) return inv;
  if (s.type === 'linear') return inv.map((x) => f32(x / s.factor));
  // llama3: long wavelengths slow down by `factor`, short ones stay, those between blend smoothly.
  const lowWavelen = s.originalMaxPositions / s.lowFreqFactor;
  const highWavelen = s.originalMaxPositions / s.highFreqFactor;
  return inv.map((x) => {
    const wavelen = (2 * Math.PI) / x;
    if (wavelen > lowWavelen) return f32(x / s.factor);
    if (wavelen < highWavelen) return x;
    const smooth = (s.originalMaxPositions / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
    return f32((1 - smooth) * (x / s.factor) + smooth * x);
  });
}

/** cos and sin of positions 0..T-1, each [T, dim] (the half-size table repeated, as cat(freqs, freqs)). */
export function ropeTables(rope: RopeSpec, T: number): { cos: Float32Array; sin: Float32Array } {
  const inv = inverseFrequencies(rope);
  const half = rope.dim / 2;
  const cos = new Float32Array(T * rope.dim);
  const sin = new Float32Array(T * rope.dim);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < half; i++) {
      const angle = f32(t * inv[i]);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      cos[t * rope.dim + i] = cos[t * rope.dim + half + i] = c;
      sin[t * rope.dim + i] = sin[t * rope.dim + half + i] = s;
    }
  }
  return { cos, sin };
}

/** rotate_half as a [d, d] matrix R, so rotate_half(x) = x R: (x1, x2) -> (-x2, x1). One matMul instead of slices. */
export function rotateHalfMatrix(d: number): Float32Array {
  const r = new Float32Array(d * d);
  const half = d / 2;
  for (let i = 0; i < half; i++) {
    r[(i + half) * d + i] = -1; // out[i] = -x[i + half]
    r[i * d + i + half] = 1; // out[i + half] = x[i]
  }
  return r;
}

/** The tables and R as tensors for one forward pass (call inside tf.tidy). */
export interface Rope {
  cos: tf.Tensor; // [T, 1, d]
  sin: tf.Tensor; // [T, 1, d]
  rotate: tf.Tensor2D; // [d, d]
}

export function ropeTensors(rope: RopeSpec, T: number): Rope {
  const { cos, sin } = ropeTables(rope, T);
  return {
    cos: tf.tensor3d(cos, [T, 1, rope.dim]),
    sin: tf.tensor3d(sin, [T, 1, rope.dim]),
    rotate: tf.tensor2d(rotateHalfMatrix(rope.dim), [rope.dim, rope.dim]),
  };
}

/** x [B*T, n*d] (heads side by side) -> the same, each head rotated by its token's position. */
export function applyRope(x: tf.Tensor2D, r: Rope, B: number, T: number, n: number, d: number): tf.Tensor2D {
  return tf.tidy(() => {
    const heads = x.reshape([B, T, n, d]); // [B, T, n, d]
    const rotated = matMulFixedWeight(x.reshape([B * T * n, d]), r.rotate).reshape([B, T, n, d]); // rotate_half(x)
    return tf.add(tf.mul(heads, r.cos), tf.mul(rotated, r.sin)).reshape([B * T, n * d]) as tf.Tensor2D;
  });
}
