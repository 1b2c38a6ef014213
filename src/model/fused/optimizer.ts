/**
 * @file The optimiser update ops: one variable's new value and moments from its gradient, as one op each.
 *
 * Semantics (tf.train.adam / tf.train.momentum's, which train/optimizers.ts runs on backends without the kernels):
 *   g = grad * maxNorm / max(norm, maxNorm) (clipping by the global norm; g = grad when maxNorm is 0)
 *   NerAdamUpdate      inputs value [any], grad, moments [2, n] (m then v), norm [1]; attrs learningRate, beta1,
 *                      beta2, epsilon, oneMinusAccBeta1 (1 - beta1^t), oneMinusAccBeta2, keep (AdamW's 1 - lr wd,
 *                      else 1), maxNorm -> [value', moments']:
 *                      m' = m b1 + g (1 - b1); v' = v b2 + g^2 (1 - b2);
 *                      value' = (m' / (1 - b1^t)) / (sqrt(v' / (1 - b2^t)) + eps) * -lr + value * keep
 *   NerMomentumUpdate  inputs value, grad, accum [like value], norm [1]; attrs learningRate, momentum, maxNorm
 *                      -> [value', accum']: a' = momentum a + g; value' = -lr a' + value
 */
import * as tf from '@tensorflow/tfjs';
import { registerFusedKernel } from './kernels';
import { adamUpdateWebGpu, momentumUpdateWebGpu } from './webgpu/optimizerKernels';
import { adamUpdateCpu, momentumUpdateCpu } from './cpu/optimizerKernels';

export const ADAM_UPDATE = 'NerAdamUpdate';
export const MOMENTUM_UPDATE = 'NerMomentumUpdate';

registerFusedKernel(ADAM_UPDATE, 'webgpu', adamUpdateWebGpu);
registerFusedKernel(MOMENTUM_UPDATE, 'webgpu', momentumUpdateWebGpu);
// cpu only: on wasm, tf.train's ten SIMD passes beat one scalar JavaScript pass (measured on the 1.2 M word
// embeddings: 8 ms against 20 ms of CPU per update), so wasm keeps them; on cpu the fused pass is 5x faster.
registerFusedKernel(ADAM_UPDATE, 'cpu', adamUpdateCpu as unknown as tf.KernelFunc);
registerFusedKernel(MOMENTUM_UPDATE, 'cpu', momentumUpdateCpu as unknown as tf.KernelFunc);

export interface AdamStep {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^t and 1 - beta2^t for the t-th update (bias correction). */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  keep: number;
  maxNorm: number;
}

/** -> [value', moments']; the caller assigns them. */
export function adamUpdate(value: tf.Tensor, grad: tf.Tensor, moments: tf.Tensor, norm: tf.Tensor, s: AdamStep): [tf.Tensor, tf.Tensor] {
  return tf.engine().runKernel(ADAM_UPDATE, { value, grad, moments, norm }, { ...s }) as [tf.Tensor, tf.Tensor];
}

/** -> [value', accum']; the caller assigns them. */
export function momentumUpdate(value: tf.Tensor, grad: tf.Tensor, accum: tf.Tensor, norm: tf.Tensor, s: { learningRate: number; momentum: number; maxNorm: number }): [tf.Tensor, tf.Tensor] {
  return tf.engine().runKernel(MOMENTUM_UPDATE, { value, grad, accum, norm }, { ...s }) as [tf.Tensor, tf.Tensor];
}
