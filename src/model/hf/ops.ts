/**
 * @file The building blocks the architectures' layers share in tfjs: LayerNorm and RMSNorm, the
 * activations, a dense layer with optional bias and LoRA adapter, and batched matrix products whose
 * gradients transpose explicitly (tfjs-backend-wasm runs transposed matMuls on a slow path, see
 * layers/matMul.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { matMul, matMulFixedWeight } from '../layers/matMul';
import type { HfActivation } from './config';
import { HalfWeight, matMulHalf } from './halfWeights';

/** LayerNorm over the last axis, as torch.nn.LayerNorm: (x - mean) / sqrt(var + eps) * weight + bias (no bias: ModernBERT's). */
export function layerNorm(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor | null, eps: number): tf.Tensor {
  return tf.tidy(() => {
    const axis = x.rank - 1;
    const mean = tf.mean(x, axis, true);
    const centred = tf.sub(x, mean);
    const variance = tf.mean(tf.square(centred), axis, true); // biased, as torch
    const scaled = tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, eps))), weight);
    return bias ? tf.add(scaled, bias) : scaled;
  });
}

/** RMSNorm over the last axis (Zhang & Sennrich 2019), as Llama: x / sqrt(mean(x^2) + eps) * weight. */
export function rmsNorm(x: tf.Tensor, weight: tf.Tensor, eps: number): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), x.rank - 1, true), eps))), weight));
}

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * 'gelu' is the exact form x * Phi(x) that BERT's PyTorch code uses; tfjs' erf kernels follow
 * Abramowitz & Stegun 7.1.26 (error below 1.5e-7) and have a gradient. 'gelu_new' is the tanh
 * approximation of the original TensorFlow BERT and GPT-2.
 */
export function activation(x: tf.Tensor, kind: HfActivation): tf.Tensor {
  return tf.tidy(() => {
    switch (kind) {
      case 'gelu':
        return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, SQRT_HALF)), 1));
      case 'gelu_new': {
        const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI);
        return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
      }
      case 'relu':
        return tf.relu(x);
      case 'silu':
        return tf.mul(x, tf.sigmoid(x));
      default:
        return kind satisfies never;
    }
  });
}

/** A low-rank update W + (alpha / rank) * A B on a dense layer (Hu et al. 2021). */
export interface LoraAdapter {
  a: tf.Variable; // [in, r]
  b: tf.Variable; // [r, out]
  scale: number; // alpha / r
}

export interface Dense {
  weight: tf.Tensor | HalfWeight; // [in, out]; a frozen one may be kept in half precision
  bias: tf.Tensor | null; // [out]; null for the bias-free layers of Llama and ModernBERT
  lora?: LoraAdapter;
}

/** [N, in] -> [N, out] */
export function dense(x: tf.Tensor2D, layer: Dense): tf.Tensor2D {
  return tf.tidy(() => {
    const w = layer.weight;
    let y = w instanceof HalfWeight ? matMulHalf(x, w) : !(w instanceof tf.Variable) || w.trainable ? matMul(x, w as tf.Tensor2D) : matMulFixedWeight(x, w as tf.Tensor2D);
    if (layer.bias) y = tf.add(y, layer.bias);
    if (layer.lora) {
      const { a, b, scale } = layer.lora;
      y = tf.add(y, tf.mul(matMul(matMul(x, a), b), scale));
    }
    return y;
  });
}

const batchMatMulExplicitGrad = tf.customGrad((a, b, save) => {
  const [x, y] = [a, b] as tf.Tensor3D[];
  (save as tf.GradSaveFunc)([x, y]);
  return {
    value: tf.matMul(x, y),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sy] = saved as tf.Tensor3D[];
      return [tf.matMul(dy as tf.Tensor3D, tf.transpose(sy, [0, 2, 1])), tf.matMul(tf.transpose(sx, [0, 2, 1]), dy as tf.Tensor3D)];
    },
  };
});

/** [N, M, K] x [N, K, P] -> [N, M, P], differentiable in both operands. */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return batchMatMulExplicitGrad(a, b) as tf.Tensor3D;
}
