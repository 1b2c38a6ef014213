/** @file The fused dense layer's and embedding gradient's kernels for tfjs' webgpu backend (programs in densePrograms.ts). */
import { webGpuKernel } from './program';
import {
  denseBiasGradProgram,
  denseInputGradProgram,
  denseKernelGradProgram,
  denseProgram,
  embeddingGradProgram,
  ROWS_PER_SLICE,
  sliceSumProgram,
  type DenseShape,
} from './densePrograms';

const shapeOf = (x: { shape: number[] }, a: Record<string, number>): DenseShape => ({ I: x.shape[1], O: a.outputs, tanh: a.activation === 1 });

export const denseWebGpu = webGpuKernel((gpu, { x, kernel, bias }, attrs) =>
  gpu.runWebGPUProgram(denseProgram(shapeOf(x, attrs), x.shape[0]), [x, kernel, bias], 'float32'),
);

export const denseGradWebGpu = webGpuKernel((gpu, { dy, x, kernel, y }, attrs) => {
  const s = shapeOf(x, attrs);
  const N = x.shape[0];
  const g = s.tanh ? [dy, y] : [dy];
  const dx = gpu.runWebGPUProgram(denseInputGradProgram(s, N), [...g, kernel], 'float32');
  const slices = Math.max(1, Math.ceil(N / ROWS_PER_SLICE));
  const parts = gpu.runWebGPUProgram(denseKernelGradProgram(s, slices), [x, ...g], 'float32');
  let dw = parts;
  if (slices > 1) {
    dw = gpu.runWebGPUProgram(sliceSumProgram([s.I, s.O]), [parts], 'float32');
    gpu.disposeData(parts.dataId);
  }
  const db = gpu.runWebGPUProgram(denseBiasGradProgram(s), g, 'float32');
  return [dx, { ...dw, shape: [s.I, s.O] }, db];
});

export const embeddingGradWebGpu = webGpuKernel((gpu, { dy, order, offsets }, attrs) =>
  gpu.runWebGPUProgram(embeddingGradProgram(attrs.vocabSize, dy.shape[1]), [dy, order, offsets], 'float32'),
);
