/**
 * @file The two shapes of WebGPU program the fused kernels use, as tfjs-backend-webgpu's WebGPUProgram objects, so
 * they run through backend.runWebGPUProgram and read and write ordinary tfjs tensors. tfjs generates the bindings:
 * `result` (the output, read_write), one read-only array per input name, and `uniforms` holding each input's shape
 * (`<name>Shape`), `outShape`, and any extra fields given here. Sizes a program's code depends on (hidden size,
 * label count, workgroup size) are baked into its WGSL and into its key; batch and length come from the uniforms,
 * so one compiled pipeline serves every batch. Only types come from the webgpu package: nothing here loads it.
 */
import type * as tf from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

/** What the fused kernels need of tfjs' WebGPUBackend. */
export interface WebGpuBackendLike {
  device: GPUDevice;
  runWebGPUProgram(program: WebGPUProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: { type: string; data: number[] }[], output?: tf.TensorInfo): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
}

export interface ProgramSpec {
  /** Unique per WGSL text: the kind plus every size baked into the code. */
  key: string;
  inputs: string[];
  outputShape: number[];
  /** WGSL: `fn main()` (grid) or `fn main(index: i32)` (flat), plus helpers. */
  code: string;
  /** Extra uniform fields, e.g. 'lr : f32, ' (values passed to runWebGPUProgram in the same order). */
  uniforms?: string;
}

/**
 * One workgroup per cell of `grid` (e.g. [B, directions, 1]), `threads` invocations each; the code reads its cell
 * from workgroupId and its lane from localId. The dispatch layout is deliberately of rank 4, which no output here has,
 * so tfjs generates no getOutputCoords, and its non-empty y makes tfjs call `main()` without an index.
 */
export function gridProgram(spec: ProgramSpec & { grid: [number, number, number]; threads: number }): WebGPUProgram {
  return {
    shaderKey: `ner_${spec.key}`,
    variableNames: spec.inputs,
    outputShape: spec.outputShape,
    workgroupSize: [spec.threads, 1, 1],
    dispatch: spec.grid,
    dispatchLayout: { x: [0], y: [1], z: [2, 3] },
    uniforms: spec.uniforms,
    getUserCode: () => spec.code,
  };
}

/** One invocation per output element, `fn main(index: i32)` with index < uniforms.size. */
export function flatProgram(spec: ProgramSpec, threads = 64): WebGPUProgram {
  const size = spec.outputShape.reduce((a, b) => a * b, 1);
  return {
    shaderKey: `ner_${spec.key}`,
    variableNames: spec.inputs,
    outputShape: spec.outputShape,
    workgroupSize: [threads, 1, 1],
    dispatch: [Math.ceil(size / threads), 1, 1],
    dispatchLayout: { x: spec.outputShape.map((_, i) => i) },
    size: true,
    uniforms: spec.uniforms,
    getUserCode: () => spec.code,
  };
}

/** tfjs-backend-webgpu's own sigmoid and tanh, so fused and unfused ops round alike. */
export const ACTIVATIONS = /* wgsl */ `
  fn sigmoidOf(a : f32) -> f32 { return 1.0 / (1.0 + exp(-1.0 * a)); }
  fn tanhOf(a : f32) -> f32 {
    let e2x = exp(-2.0 * abs(a));
    return sign(a) * (1.0 - e2x) / (1.0 + e2x);
  }
`;

/** The device's limits, for the shape checks of the kernels (the backend asks the adapter's maxima). */
export function deviceLimits(backend: unknown): GPUSupportedLimits {
  return (backend as WebGpuBackendLike).device.limits;
}

/** Inputs by name, as the op passed them (each is present: the op file is the contract). */
export type KernelInputs = Record<string, tf.TensorInfo>;

/** A tfjs kernel function over the webgpu backend, with the attributes as numbers. */
export function webGpuKernel(run: (gpu: WebGpuBackendLike, inputs: KernelInputs, attrs: Record<string, number>) => tf.TensorInfo | tf.TensorInfo[]): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => run(backend as unknown as WebGpuBackendLike, inputs as KernelInputs, (attrs ?? {}) as Record<string, number>);
}
