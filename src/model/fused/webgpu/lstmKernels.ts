/** @file The fused LSTM's kernels for tfjs' webgpu backend (programs in lstmPrograms.ts, contract in ../lstm.ts). */
import * as tf from '@tensorflow/tfjs';
import { deviceLimits, webGpuKernel, type KernelInputs } from './program';
import {
  backThroughTimeProgram,
  biasGradProgram,
  inputGradProgram,
  kernelGradProgram,
  outputsProgram,
  projectionProgram,
  recurrenceProgram,
  type LstmShape,
} from './lstmPrograms';

function shapeOf(attrs: Record<string, number>): LstmShape {
  return { H: attrs.hidden, D: attrs.inputDim, dirs: attrs.directions };
}

const weights = (inputs: KernelInputs, dirs: number, names: string[]) =>
  Array.from({ length: dirs }, (_, d) => names.map((n) => inputs[`${n}${d}`])).flat();

export const lstmForwardWebGpu = webGpuKernel((gpu, inputs, attrs) => {
  const s = shapeOf(attrs);
  const [B, T] = inputs.mask.shape;
  const xw = gpu.runWebGPUProgram(projectionProgram(s, B, T), [inputs.x, ...weights(inputs, s.dirs, ['kernel', 'bias'])], 'float32');
  const ws = gpu.runWebGPUProgram(recurrenceProgram(s, B, T), [xw, inputs.mask, ...weights(inputs, s.dirs, ['kernel'])], 'float32');
  gpu.disposeData(xw.dataId);
  const y = gpu.runWebGPUProgram(outputsProgram(s, B, T), [ws], 'float32');
  return [y, ws];
});

export const lstmBackwardWebGpu = webGpuKernel((gpu, inputs, attrs) => {
  const s = shapeOf(attrs);
  const [B, T] = inputs.mask.shape;
  const kernels = weights(inputs, s.dirs, ['kernel']);
  const dz = gpu.runWebGPUProgram(backThroughTimeProgram(s, B, T), [inputs.dy, inputs.ws, inputs.mask, ...kernels], 'float32');
  const dx = gpu.runWebGPUProgram(inputGradProgram(s, B, T), [dz, ...kernels], 'float32');
  const grads: tf.TensorInfo[] = [dx];
  for (let d = 0; d < s.dirs; d++) {
    grads.push(gpu.runWebGPUProgram(kernelGradProgram(s, d), [inputs.x, inputs.ws, dz], 'float32'));
    grads.push(gpu.runWebGPUProgram(biasGradProgram(s, d), [dz], 'float32'));
  }
  gpu.disposeData(dz.dataId);
  return grads;
});

/** One workgroup per sentence and direction runs H invocations and keeps 4H floats (the gate gradients) in workgroup memory. */
export function lstmFitsWebGpu(attrs: Record<string, number>): string | null {
  const limits = deviceLimits(tf.backend());
  const H = attrs.hidden;
  const threads = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  if (H > threads) return `The fused LSTM kernel needs ${H} invocations per workgroup (hidden ${H}); this GPU allows ${threads}, so the LSTM runs as unfused ops (slower).`;
  if (16 * H > limits.maxComputeWorkgroupStorageSize) {
    return `The fused LSTM kernel needs ${16 * H} bytes of workgroup memory (hidden ${H}); this GPU allows ${limits.maxComputeWorkgroupStorageSize}, so the LSTM runs as unfused ops (slower).`;
  }
  return null;
}
