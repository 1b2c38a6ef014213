/**
 * @file The global L2 norm of a list of tensors (gradient clipping's norm), as one op.
 *
 * Semantics: sqrt(sum over every tensor of its squared entries) -> a scalar. Unfused: one square-and-sum per tensor
 * and a tree of adds. Kernel NerGlobalNorm: inputs g0, g1, ... (any count and shapes) -> [1]; WebGPU's sums 7
 * tensors per dispatch, carrying a running total, so 13 gradients take 2 dispatches.
 */
import * as tf from '@tensorflow/tfjs';
import { registerFusedKernel, useFusedKernels } from './kernels';
import { globalNormWebGpu } from './webgpu/optimizerKernels';
import { globalNormCpu } from './cpu/optimizerKernels';

export const GLOBAL_NORM = 'NerGlobalNorm';

registerFusedKernel(GLOBAL_NORM, 'webgpu', globalNormWebGpu);
// cpu only, as the optimiser updates (optimizer.ts): on wasm the unfused square-and-sums measured as fast.
registerFusedKernel(GLOBAL_NORM, 'cpu', globalNormCpu as unknown as tf.KernelFunc);

/** sqrt(sum of every entry squared) over all of `xs`; 0 for none. */
export function globalNorm(xs: tf.Tensor[]): tf.Scalar {
  if (xs.length > 0 && useFusedKernels([GLOBAL_NORM])) {
    return tf.tidy(() => (tf.engine().runKernel(GLOBAL_NORM, Object.fromEntries(xs.map((x, i) => [`g${i}`, x])), {}) as tf.Tensor).reshape([]));
  }
  return tf.tidy(() => tf.sqrt(sumAll(xs.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}

/**
 * The sum of many tensors as a tree of pairwise adds. Not tf.addN: on webgpu it binds every input as a storage
 * buffer, and a device allows only 8 per shader stage by default (seen with Dawn: 14 gradients gave an invalid
 * pipeline and garbage, not an exception).
 */
export function sumAll(xs: tf.Tensor[]): tf.Tensor {
  if (xs.length === 0) return tf.scalar(0);
  let level = xs;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? tf.add(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}
