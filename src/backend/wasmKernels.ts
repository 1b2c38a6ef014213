/**
 * @file Kernels that tfjs-backend-wasm 4.22 lacks but our model's gradients need, written in
 * JavaScript over the wasm heap, and the ones it has that copy too much (Identity here, the slices in wasmSlice.ts).
 * `UnsortedSegmentSum` is the gradient of `tf.gather`, which the embedding lookups and the
 * BiLSTM's per-sentence reversal use.
 */
import { getKernel, registerKernel, unregisterKernel, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { viewSliceKernels } from './wasmSlice';

interface UnsortedSegmentSumArgs {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: BackendWasm;
  attrs: { numSegments: number };
}

/**
 * out[s, ...] = sum of x[i, ...] over every i with segmentIds[i] = s; ids outside
 * [0, numSegments) are dropped, as in TensorFlow. segmentIds may have any rank r;
 * x's first r dimensions must match it.
 */
function unsortedSegmentSum({ inputs, backend, attrs }: UnsortedSegmentSumArgs): TensorInfo {
  const { x, segmentIds } = inputs;
  const { numSegments } = attrs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum (wasm): unsupported dtype ${x.dtype}`);
  const idsRank = segmentIds.shape.length;
  const innerShape = x.shape.slice(idsRank);
  const count = util.sizeFromShape(segmentIds.shape);
  const inner = util.sizeFromShape(innerShape);
  const out = backend.makeOutput([numSegments, ...innerShape], x.dtype);
  // Views are taken only after makeOutput: its allocation may grow (and so detach) the heap.
  const outValues = backend.typedArrayFromHeap(out);
  const xValues = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  outValues.fill(0);
  for (let i = 0; i < count; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) outValues[to + j] += xValues[from + j];
  }
  return out;
}

const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};

/**
 * Identity on wasm without a copy: the output shares the input's memory, as Reshape's does (the backend counts
 * references per data id). tfjs calls Identity through `clone` for every tensor an op saves for its gradient, so
 * the copying kernel of tfjs-backend-wasm 4.22 duplicated a training step's activations (5 % of a bilstm-small
 * step in Chromium's CPU profile). No kernel writes into its inputs, so sharing is safe.
 */
function sharedIdentity({ inputs: { x }, backend }: { inputs: { x: TensorInfo }; backend: BackendWasm }): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

let slicesReplaced = false;

/** Registers the missing kernels for backend 'wasm', and replaces the copying slices and Identity; safe to call more than once. */
export function registerMissingWasmKernels(): void {
  for (const config of [unsortedSegmentSumConfig]) {
    if (getKernel(config.kernelName, config.backendName) === undefined) registerKernel(config);
  }
  if (slicesReplaced) return;
  const original = (name: string) => {
    const kernel = getKernel(name, 'wasm');
    if (!kernel) throw new Error(`tfjs-backend-wasm has no ${name} kernel to replace`);
    return kernel.kernelFunc;
  };
  const identity = { kernelName: 'Identity', kernelFunc: sharedIdentity as unknown as KernelFunc };
  for (const { kernelName, kernelFunc } of [...viewSliceKernels(original), identity]) {
    unregisterKernel(kernelName, 'wasm');
    registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  slicesReplaced = true;
}
