/**
 * @file Scaled dot-product attention over heads laid side by side ([B*T, heads*d]), with grouped
 * query heads (several query heads share one key/value head, as Llama's repeat_kv) and an additive
 * mask that says which keys each query sees: padding, causal order, sliding windows.
 */
import * as tf from '@tensorflow/tfjs';
import { batchMatMul } from './ops';

/** A score the softmax turns into exactly zero. */
export const MASKED = -1e9;

export interface MaskShape {
  /** Each query sees only itself and earlier keys. */
  causal: boolean;
  /** Keys at most this far away (before, or on either side when not causal) are seen; null: all. */
  window: number | null;
  /** Causal windows see keys with i - j < window (Mistral); two-sided ones |i - j| <= window (ModernBERT). */
  windowKind?: 'before' | 'around';
}

/** [1, 1, T, T] additive mask of causal order and window, 0 where a query sees a key. Null when everything is seen. */
export function structureMask(shape: MaskShape, T: number): tf.Tensor4D | null {
  if (!shape.causal && (shape.window === null || shape.window >= T)) return null;
  const m = new Float32Array(T * T);
  const w = shape.window;
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      const distance = i - j;
      let seen = !shape.causal || distance >= 0;
      if (seen && w !== null) seen = shape.windowKind === 'around' ? Math.abs(distance) <= w : shape.causal ? distance < w : Math.abs(distance) < w;
      if (!seen) m[i * T + j] = MASKED;
    }
  }
  return tf.tensor4d(m, [1, 1, T, T]);
}

/** [B, T] 1/0 attention mask -> [B, 1, 1, T] additive: padding keys are never seen. */
export function keyPaddingMask(attentionMask: tf.Tensor2D): tf.Tensor4D {
  const [B, T] = attentionMask.shape;
  return tf.mul(tf.sub(1, tf.cast(attentionMask, 'float32')), MASKED).reshape([B, 1, 1, T]) as tf.Tensor4D;
}

export interface AttentionShape {
  B: number;
  T: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
}

/**
 * q [B*T, nh*d], k and v [B*T, nkv*d] -> context [B*T, nh*d]. Query head h uses key/value head
 * floor(h / (nh / nkv)). `mask` broadcasts to [B, nh, T, T]; `dropout` acts on the probabilities.
 */
export function attend(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, s: AttentionShape, mask: tf.Tensor, dropout: (p: tf.Tensor) => tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const { B, T, numHeads: nh, numKvHeads: nkv, headDim: d } = s;
    const g = nh / nkv;
    // Each kv head's g query heads stacked along time: [B*nkv, g*T, d], so one product serves them all.
    let qg = q.reshape([B, T, nkv, g * d]).transpose([0, 2, 1, 3]); // [B, nkv, T, g*d]
    if (g > 1) qg = qg.reshape([B * nkv, T, g, d]).transpose([0, 2, 1, 3]); // [B*nkv, g, T, d]
    const queries = qg.reshape([B * nkv, g * T, d]) as tf.Tensor3D;
    const keysT = k.reshape([B, T, nkv, d]).transpose([0, 2, 3, 1]).reshape([B * nkv, d, T]) as tf.Tensor3D; // [B*nkv, d, T]
    const values = v.reshape([B, T, nkv, d]).transpose([0, 2, 1, 3]).reshape([B * nkv, T, d]) as tf.Tensor3D; // [B*nkv, T, d]
    const scores = tf.add(tf.mul(batchMatMul(queries, keysT), 1 / Math.sqrt(d)).reshape([B, nh, T, T]), mask); // [B, nh, T, T]
    const probs = dropout(tf.softmax(scores, -1)).reshape([B * nkv, g * T, T]) as tf.Tensor3D;
    let context = batchMatMul(probs, values); // [B*nkv, g*T, d]
    if (g > 1) context = context.reshape([B * nkv, g, T, d]).transpose([0, 2, 1, 3]) as tf.Tensor3D; // [B*nkv, T, g, d]
    return context.reshape([B, nkv, T, g * d]).transpose([0, 2, 1, 3]).reshape([B * T, nh * d]) as tf.Tensor2D;
  });
}
