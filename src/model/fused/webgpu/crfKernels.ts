/** @file The fused CRF's kernels for tfjs' webgpu backend (programs in crfPrograms.ts, contracts in ../crfLikelihood.ts and ../viterbi.ts). */
import * as tf from '@tensorflow/tfjs';
import { deviceLimits, webGpuKernel } from './program';
import {
  boundaryGradProgram,
  emissionsGradProgram,
  forwardBackwardProgram,
  logLikelihoodProgram,
  transitionsGradProgram,
} from './crfPrograms';
import { viterbiProgram } from './viterbiProgram';

export const crfLogLikelihoodWebGpu = webGpuKernel((gpu, inputs, attrs) => {
  const [B] = inputs.mask.shape;
  const { emissions, labels, mask, transitions, start, end } = inputs;
  return gpu.runWebGPUProgram(logLikelihoodProgram(attrs.numLabels, B), [emissions, labels, mask, transitions, start, end], 'float32');
});

export const crfLogLikelihoodGradWebGpu = webGpuKernel((gpu, inputs, attrs) => {
  const K = attrs.numLabels;
  const [B, T] = inputs.mask.shape;
  const { dy, emissions, labels, mask, transitions, start, end } = inputs;
  const fb = gpu.runWebGPUProgram(forwardBackwardProgram(K, B, T), [emissions, mask, transitions, start, end], 'float32');
  const de = gpu.runWebGPUProgram(emissionsGradProgram(K, B, T), [fb, labels, dy], 'float32');
  const dt = gpu.runWebGPUProgram(transitionsGradProgram(K), [fb, emissions, transitions, labels, dy], 'float32');
  const ds = gpu.runWebGPUProgram(boundaryGradProgram(K, 'first'), [de, fb], 'float32');
  const dend = gpu.runWebGPUProgram(boundaryGradProgram(K, 'last'), [de, fb], 'float32');
  gpu.disposeData(fb.dataId);
  return [de, dt, ds, dend];
});

export const crfViterbiWebGpu = webGpuKernel((gpu, inputs, attrs) => {
  const [B, T] = inputs.mask.shape;
  const { emissions, mask, transitions, start, end } = inputs;
  return gpu.runWebGPUProgram(viterbiProgram(attrs.numLabels, B, T), [emissions, mask, transitions, start, end], 'int32');
});

/** One workgroup per sentence runs one invocation per label. */
export function crfFitsWebGpu(attrs: Record<string, number>): string | null {
  const limits = deviceLimits(tf.backend());
  const K = attrs.numLabels;
  const threads = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  if (K > threads) return `The fused CRF kernels need ${K} invocations per workgroup (${K} labels); this GPU allows ${threads}, so the CRF runs as unfused ops (slower).`;
  return null;
}
