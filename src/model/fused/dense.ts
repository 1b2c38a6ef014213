/**
 * @file The dense layer op: y = act(x W + b), as one op (the emission head, the transformer's projections, the char
 * CNN's filters).
 *
 * Semantics (those of the unfused ops below): x [N, I], kernel [I, O], bias [O], activation 'linear' or 'tanh'
 * -> [N, O]. Gradients: g = dy (times 1 - y^2 after tanh); dx = g W^T, dW = x^T g, db = sum of g's rows.
 *
 * Kernels (any backend may register them; fused/webgpu/ has WebGPU's):
 *   NerDense      inputs x, kernel, bias; attrs outputs O, activation (0 linear, 1 tanh) -> y [N, O]
 *   NerDenseGrad  inputs dy, x, kernel, y; same attrs -> [dx, dKernel, dBias]
 * WebGPU's sums the weight gradient over fixed slices of rows in a fixed order, so it repeats bit for bit (tfjs'
 * matMul adds split-K parts with atomics).
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/matMul';
import { registerFusedKernel, useFusedKernels } from './kernels';
import { denseGradWebGpu, denseWebGpu } from './webgpu/denseKernels';

export const DENSE = 'NerDense';
export const DENSE_GRAD = 'NerDenseGrad';

registerFusedKernel(DENSE, 'webgpu', denseWebGpu);
registerFusedKernel(DENSE_GRAD, 'webgpu', denseGradWebGpu);

export type DenseActivation = 'linear' | 'tanh';

/** x [N, I] -> act(x kernel + bias) [N, O]. */
export function dense(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: DenseActivation = 'linear'): tf.Tensor2D {
  if (!useFusedKernels([DENSE, DENSE_GRAD])) {
    const z = tf.add(matMul(x, kernel), bias) as tf.Tensor2D;
    return activation === 'tanh' ? tf.tanh(z) : z;
  }
  const attrs = { outputs: kernel.shape[1], activation: activation === 'tanh' ? 1 : 0 };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [input, w, b] = args as tf.Tensor[];
    const y = tf.engine().runKernel(DENSE, { x: input, kernel: w, bias: b }, attrs) as tf.Tensor;
    save([input, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, [sx, sw, sy]: tf.Tensor[]) => tf.engine().runKernel(DENSE_GRAD, { dy, x: sx, kernel: sw, y: sy }, attrs) as tf.Tensor[],
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}
