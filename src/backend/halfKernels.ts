/**
 * @file The kernel behind frozen weights kept in half precision (model/hf/halfWeights.ts):
 * `UnpackHalves` turns ceil(n / 2) int32 words, each holding two IEEE binary16 values, into n
 * float32 values. On WebGPU a compute shader does it with WGSL's unpack2x16float (core WGSL, no
 * shader-f16 needed); on wasm and cpu JavaScript does, for tests and for runs that ask for it.
 */
import { getKernel, registerKernel, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { UNPACK_HALVES, unpackHalves } from '../core/checkpoint/float16';

interface Args<B> {
  inputs: { x: TensorInfo };
  backend: B;
  attrs: { size: number };
}

function checkInput(x: TensorInfo, size: number): void {
  if (x.dtype !== 'int32' || util.sizeFromShape(x.shape) !== Math.ceil(size / 2)) throw new Error(`${UNPACK_HALVES}: expected ${Math.ceil(size / 2)} int32 words, got [${x.shape}] ${x.dtype}`);
}

function onCpu({ inputs, backend, attrs }: Args<MathBackendCPU>): TensorInfo {
  checkInput(inputs.x, attrs.size);
  const words = backend.data.get(inputs.x.dataId).values as Int32Array;
  return backend.makeTensorInfo([attrs.size], 'float32', unpackHalves(words, attrs.size));
}

function onWasm({ inputs, backend, attrs }: Args<BackendWasm>): TensorInfo {
  checkInput(inputs.x, attrs.size);
  const out = backend.makeOutput([attrs.size], 'float32');
  // Views only after makeOutput: its allocation may grow (and so detach) the heap.
  backend.typedArrayFromHeap(out).set(unpackHalves(backend.typedArrayFromHeap(inputs.x) as Int32Array, attrs.size));
  return out;
}

/** The parts of tfjs-backend-webgpu's program interface this kernel fills in. */
interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: TensorInfo[], outputDtype: 'float32'): TensorInfo;
}

const WORKGROUP = 256;

function onWebGpu({ inputs, backend, attrs }: Args<WebGpuBackendLike>): TensorInfo {
  checkInput(inputs.x, attrs.size);
  const program = {
    variableNames: ['A'],
    outputShape: [attrs.size],
    shaderKey: 'unpackHalves',
    dispatchLayout: { x: [0] },
    // tfjs folds a dispatch past the device's limit into two dimensions, and indexes accordingly.
    dispatch: [Math.ceil(attrs.size / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    size: true,
    getUserCode: () => `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let pair = unpack2x16float(bitcast<u32>(A[index / 2]));
          setOutputAtIndex(index, select(pair.y, pair.x, index % 2 == 0));
        }
      }`,
  };
  return backend.runWebGPUProgram(program, [inputs.x], 'float32');
}

const CONFIGS: KernelConfig[] = [
  { kernelName: UNPACK_HALVES, backendName: 'cpu', kernelFunc: onCpu as unknown as KernelFunc },
  { kernelName: UNPACK_HALVES, backendName: 'wasm', kernelFunc: onWasm as unknown as KernelFunc },
  { kernelName: UNPACK_HALVES, backendName: 'webgpu', kernelFunc: onWebGpu as unknown as KernelFunc },
];

/** Registers UnpackHalves for every backend; safe to call more than once. */
export function registerHalfKernels(): void {
  for (const config of CONFIGS) {
    if (getKernel(config.kernelName, config.backendName) === undefined) registerKernel(config);
  }
}
