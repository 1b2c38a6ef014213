/**
 * @file The LSTM layer op: one or two directions of an LSTM over a padded batch, as one op.
 *
 * Semantics (those of the unfused ops below, which every backend without the kernels runs):
 *   x [B, T, D], mask [B, T] (1 for real steps, real steps first), per direction a kernel [D + H, 4H] (rows for
 *   [x, h], columns for the gates i, f, g, o) and a bias [4H]. z = x_t W_x + b + h W_h; c' = σ(z_f) c + σ(z_i)
 *   tanh(z_g); h' = σ(z_o) tanh(c'); a padded step keeps h and c (c += m (c' - c)) and outputs h' m, so zeros.
 *   Direction 0 reads t = 0 .. T-1; direction 1 reads each sentence from its last word (t = T-1 .. 0; its leading
 *   padding keeps the zero state). Returns [B, T, directions * H]: direction 0's outputs, then direction 1's.
 *
 * Kernels (one name per pass, any backend may register them; fused/webgpu/ has WebGPU's, fused/cpu/ wasm's and cpu's):
 *   NerLstmForward  inputs x, mask, kernel0, bias0[, kernel1, bias1]; attrs hidden, inputDim, directions
 *                   -> [y [B, T, dirs*H], workspace [B, T, dirs*6H]]: per step, for all directions, y, c (both times
 *                   the mask), then i f g o (after their activations, times the mask).
 *   NerLstmBackward inputs dy [B, T, dirs*H], x, mask, workspace, kernel0[, kernel1]; same attrs
 *                   -> [dx, dKernel0, dBias0[, dKernel1, dBias1]].
 * The fused path wires the two with tf.customGrad, so the gradient never runs the unrolled ops.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/matMul';
import { timeSteps } from '../layers/timeSteps';
import { registerFusedKernel, useFusedKernels } from './kernels';
import { lstmBackwardWebGpu, lstmFitsWebGpu, lstmForwardWebGpu } from './webgpu/lstmKernels';
import { lstmBackwardCpu, lstmForwardCpu } from './cpu/lstmKernels';
import { CPU_BACKENDS } from './cpu/host';

export const LSTM_FORWARD = 'NerLstmForward';
export const LSTM_BACKWARD = 'NerLstmBackward';

registerFusedKernel(LSTM_FORWARD, 'webgpu', lstmForwardWebGpu, lstmFitsWebGpu);
registerFusedKernel(LSTM_BACKWARD, 'webgpu', lstmBackwardWebGpu);
for (const backend of CPU_BACKENDS) {
  registerFusedKernel(LSTM_FORWARD, backend, lstmForwardCpu as unknown as tf.KernelFunc);
  registerFusedKernel(LSTM_BACKWARD, backend, lstmBackwardCpu as unknown as tf.KernelFunc);
}

export interface LstmWeights {
  kernel: tf.Tensor2D; // [D + H, 4H]
  bias: tf.Tensor1D; // [4H]
}

/** x [B, T, D], mask [B, T] -> [B, T, directions.length * H]; directions: [forward] or [forward, backward]. */
export function lstmLayer(x: tf.Tensor3D, mask: tf.Tensor2D, directions: LstmWeights[]): tf.Tensor3D {
  const H = directions[0].bias.shape[0] / 4;
  const attrs = { hidden: H, inputDim: x.shape[2], directions: directions.length };
  if (useFusedKernels([LSTM_FORWARD, LSTM_BACKWARD], attrs)) return fusedLstm(x, mask, directions, attrs);
  const forward = unfusedDirection(x, mask, directions[0]);
  if (directions.length === 1) return forward;
  // The whole padded batch flipped in time puts padding first; the masked recurrence keeps its zero state there.
  const backward = tf.reverse(unfusedDirection(tf.reverse(x, 1), tf.reverse(mask, 1), directions[1]), 1); // [B, T, H]
  return tf.concat([forward, backward], 2);
}

function fusedLstm(x: tf.Tensor3D, mask: tf.Tensor2D, directions: LstmWeights[], attrs: Record<string, number>): tf.Tensor3D {
  const named = (ts: tf.Tensor[], names: string[]) => Object.fromEntries(ts.map((t, i) => [`${names[i % names.length]}${Math.floor(i / names.length)}`, t]));
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [input, ...weights] = args as tf.Tensor[]; // kernel0, bias0[, kernel1, bias1]
    const [y, ws] = tf.engine().runKernel(LSTM_FORWARD, { x: input, mask, ...named(weights, ['kernel', 'bias']) }, attrs) as tf.Tensor[];
    const kernels = weights.filter((_, i) => i % 2 === 0);
    save([input, mask, ws, ...kernels]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, smask, sws, ...sk] = saved;
        const inputs = { dy, x: sx, mask: smask, ws: sws, ...named(sk, ['kernel']) };
        return tf.engine().runKernel(LSTM_BACKWARD, inputs, attrs) as tf.Tensor[]; // dx, dKernel0, dBias0, ...
      },
    };
  });
  return op(x, ...directions.flatMap((d) => [d.kernel, d.bias])) as tf.Tensor3D;
}

/** One direction, unrolled over time with plain tf ops (every op has a gradient on cpu, wasm and webgpu). */
function unfusedDirection(x: tf.Tensor3D, mask: tf.Tensor2D, { kernel, bias }: LstmWeights): tf.Tensor3D {
  const [B, T, D] = x.shape;
  const H = bias.shape[0] / 4;
  const wx = tf.slice(kernel, [0, 0], [D, 4 * H]); // [D, 4H]
  const wh = tf.slice(kernel, [D, 0], [H, 4 * H]); // [H, 4H]
  // The input half of [x, h] W for all steps at once: one big matMul instead of T small ones.
  const xw = tf.add(matMul(x.reshape<tf.Tensor2D>([B * T, D]), wx), bias).reshape<tf.Tensor3D>([B, T, 4 * H]); // [B, T, 4H]
  const xSteps = timeSteps(xw); // T x [B, 4H]
  const mSteps = timeSteps(mask.reshape([B, T, 1])); // T x [B, 1]
  let h: tf.Tensor2D = tf.zeros([B, H]);
  let c: tf.Tensor2D = tf.zeros([B, H]);
  const outputs: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const z = tf.add(xSteps[t], matMul(h, wh)); // [B, 4H]
    const [zi, zf, zg, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
    const cNew = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
    const hNew = tf.mul(tf.sigmoid(zo), tf.tanh(cNew));
    const m = mSteps[t];
    c = tf.add(c, tf.mul(m, tf.sub(cNew, c)));
    h = tf.add(h, tf.mul(m, tf.sub(hNew, h)));
    outputs.push(tf.mul(hNew, m));
  }
  return tf.stack(outputs, 1) as tf.Tensor3D; // [B, T, H]
}
