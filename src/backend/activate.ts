/**
 * @file Switches tfjs to the planned backend. The webgpu backend is imported lazily so that a
 * machine without WebGPU never loads it; the wasm backend gets the kernels our gradients need.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './probe';
import { registerFastCpuKernels } from './cpuKernels';
import { registerHalfKernels } from './halfKernels';
import { registerMissingWasmKernels } from './wasmKernels';

export async function activateBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (name === 'wasm') registerMissingWasmKernels();
  if (name === 'cpu') {
    registerFastCpuKernels();
    // In Node the cpu backend greets its first tensor with advice to install tfjs-node, which cannot install here
    // and which the `ner` commands do not use: PROD silences tfjs' warnings (and only them).
    if (tf.env().getBool('IS_NODE')) tf.env().set('PROD', true);
  }
  registerHalfKernels();
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    throw new Error(`The ${name} backend failed to start: ${(e as Error).message}`);
  }
  if (!ok) throw new Error(`The ${name} backend failed to start in this environment.`);
  await tf.ready();
}

/** Live memory figures for the status line: live tensors, their bytes, and on webgpu the bytes held on the GPU. */
export function memoryReport(): { tensors: number; bytes: number; gpuBytes: number | null } {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return { tensors: m.numTensors, bytes: m.numBytes, gpuBytes: m.numBytesInGPU ?? null };
}

/** Destroys the WebGPU device under tfjs, as a driver reset would; lets tests check recovery. */
export function loseWebGpuDevice(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  (tf.backend() as unknown as { device: GPUDevice }).device.destroy();
  return true;
}

/** Words for an error that is really "the model does not fit". */
export function explainFailure(err: unknown, backend: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/out of memory|\boom\b|failed to allocate|allocation|exceeds .*limit|maxStorageBufferBindingSize|maxBufferSize/i.test(message)) {
    return `The model does not fit in memory on ${backend} (${message}). Try a smaller batch size, or a smaller model (hidden size, word dim), or the wasm backend.`;
  }
  return message || 'training failed';
}
