/** @file The fused optimiser and global-norm kernels for tfjs' webgpu backend (programs in optimizerPrograms.ts). */
import type * as tf from '@tensorflow/tfjs';
import { webGpuKernel } from './program';
import {
  adamMomentsProgram,
  adamValueProgram,
  momentumAccumProgram,
  momentumValueProgram,
  sumOfSquaresProgram,
} from './optimizerPrograms';

const f32 = (...data: number[]) => data.map((d) => ({ type: 'float32', data: [d] }));

export const adamUpdateWebGpu = webGpuKernel((gpu, { value, grad, moments, norm }, a) => {
  const common = f32(a.maxNorm, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2);
  const size = value.shape.reduce((x, y) => x * y, 1);
  const newValue = gpu.runWebGPUProgram(adamValueProgram(value.shape), [value, grad, moments, norm], 'float32', [
    ...common,
    ...f32(-a.learningRate, a.epsilon, a.oneMinusAccBeta1, a.oneMinusAccBeta2, a.keep),
  ]);
  const newMoments = gpu.runWebGPUProgram(adamMomentsProgram(size), [grad, moments, norm], 'float32', common);
  return [newValue, newMoments];
});

export const momentumUpdateWebGpu = webGpuKernel((gpu, { value, grad, accum, norm }, a) => {
  const uniforms = f32(a.maxNorm, a.momentum, -a.learningRate);
  const newValue = gpu.runWebGPUProgram(momentumValueProgram(value.shape), [value, grad, accum, norm], 'float32', uniforms);
  const newAccum = gpu.runWebGPUProgram(momentumAccumProgram(value.shape), [grad, accum, norm], 'float32', uniforms);
  return [newValue, newAccum];
});

/** Binding slots per program: 8 storage buffers per stage (WebGPU's default), one of them the output. */
const PER_PROGRAM = 7;

export const globalNormWebGpu = webGpuKernel((gpu, inputs) => {
  const grads = Object.keys(inputs)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((k) => inputs[k]);
  let partial: tf.TensorInfo | null = null;
  let at = 0;
  while (at < grads.length) {
    const take = grads.slice(at, at + PER_PROGRAM - (partial ? 1 : 0));
    at += take.length;
    const sizes = take.map((g) => ({ type: 'int32', data: [g.shape.reduce((x, y) => x * y, 1)] }));
    const program = sumOfSquaresProgram(take.length, partial !== null, at >= grads.length);
    const next: tf.TensorInfo = gpu.runWebGPUProgram(program, partial ? [partial, ...take] : take, 'float32', sizes);
    if (partial) gpu.disposeData(partial.dataId);
    partial = next;
  }
  return partial!;
});
