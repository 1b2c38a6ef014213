/**
 * @file What the fused ops' CPU kernels (the 'wasm' and 'cpu' backends) need from a backend: the float data of a
 * tensor as a typed array, new outputs, and the backend's own matMul (XNNPACK on wasm) called directly, without the
 * engine, so a recurrence can run one product per time step at the price of a function call rather than of a tfjs op
 * (tape, bookkeeping and a tensor per step).
 *
 * On wasm every array is a view of the module's heap: an allocation (an output, a product) may grow the heap and
 * detach every view taken before it, so kernels take views again after each allocation (`read` is cheap).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

export interface CpuHost {
  /** The tensor's values (float32 or int32), shared with the backend: writing to an output's array fills it. */
  read(t: tf.TensorInfo): Float32Array;
  readInt(t: tf.TensorInfo): Int32Array;
  /** A new float32 output of this shape filled with zeros (or with `values`). */
  make(shape: number[], values?: Float32Array): tf.TensorInfo;
  /** a [M, K] x b [K, N] -> [M, N], a new output. */
  matMul(a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo;
  dispose(t: tf.TensorInfo): void;
}

/** The same tensor seen with another shape of the same size (no copy; for the products' 2-D operands). */
export const viewAs = (t: tf.TensorInfo, shape: number[]): tf.TensorInfo => ({ dataId: t.dataId, shape, dtype: t.dtype });

function matMulOf(backend: tf.KernelBackend, name: string): (a: tf.TensorInfo, b: tf.TensorInfo) => tf.TensorInfo {
  const kernel = tf.getKernel('BatchMatMul', name);
  if (!kernel) throw new Error(`the ${name} backend has no BatchMatMul kernel`);
  const attrs = { transposeA: false, transposeB: false };
  return (a, b) => kernel.kernelFunc({ inputs: { a, b }, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
}

function wasmHost(backend: BackendWasm): CpuHost {
  const matMul = matMulOf(backend, 'wasm');
  return {
    read: (t) => backend.typedArrayFromHeap(t) as Float32Array,
    readInt: (t) => backend.typedArrayFromHeap(t) as Int32Array,
    make(shape, values) {
      const out = backend.makeOutput(shape, 'float32');
      const data = backend.typedArrayFromHeap(out) as Float32Array; // the heap's memory is not zeroed
      if (values) data.set(values);
      else data.fill(0);
      return out;
    },
    matMul,
    dispose: (t) => backend.disposeData(t.dataId),
  };
}

function cpuHost(backend: MathBackendCPU): CpuHost {
  const matMul = matMulOf(backend, 'cpu');
  const values = (t: tf.TensorInfo) => backend.data.get(t.dataId).values as unknown;
  return {
    read: (t) => values(t) as Float32Array,
    readInt: (t) => values(t) as Int32Array,
    make: (shape, data) => backend.makeTensorInfo(shape, 'float32', data ?? new Float32Array(shape.reduce((n, d) => n * d, 1))),
    matMul,
    dispose: (t) => backend.disposeData(t.dataId),
  };
}

/** The host of the backend a kernel was called with ('wasm' or 'cpu'). */
export function hostOf(backend: unknown): CpuHost {
  const b = backend as { typedArrayFromHeap?: unknown };
  return typeof b.typedArrayFromHeap === 'function' ? wasmHost(backend as BackendWasm) : cpuHost(backend as MathBackendCPU);
}

/** Registers one kernel function for both CPU backends. */
export const CPU_BACKENDS = ['wasm', 'cpu'] as const;
