/**
 * @file Splits a batch into its time steps for the unrolled loops (LSTM, CRF forward algorithm).
 * tf.unstack cannot be used as is: when T = 1 it has a single output, tfjs hands that output's
 * gradient to Unpack's gradient as a lone tensor instead of a list, and the gradient's tf.stack
 * throws "Argument tensors passed to stack must be a `Tensor[]`". A single step is a reshape.
 */
import * as tf from '@tensorflow/tfjs';

/** [B, T, D] -> T tensors of [B, D]; a [B, T] mask goes in as [B, T, 1] and comes out as [B, 1] steps. */
export function timeSteps(x: tf.Tensor3D): tf.Tensor2D[] {
  const [B, T, D] = x.shape;
  if (T === 1) return [x.reshape<tf.Tensor2D>([B, D])]; // [B, D]
  // One transpose and one unstack: its gradient is a single stack (per-step slices would pad T times).
  return tf.unstack(tf.transpose(x, [1, 0, 2])) as tf.Tensor2D[]; // T x [B, D]
}
