/**
 * @file Switches tfjs to the planned backend. The webgpu backend is imported lazily so that a
 * machine without WebGPU never loads it; the wasm backend gets the kernels our gradients need.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './probe';
import { registerMissingWasmKernels } from './wasmKernels';

export async function activateBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (name === 'wasm') registerMissingWasmKernels();
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    throw new Error(`The ${name} backend failed to start: ${(e as Error).message}`);
  }
  if (!ok) throw new Error(`The ${name} backend failed to start in this environment.`);
  await tf.ready();
}

/** Live memory figures for the status line. */
export function memoryReport(): { tensors: number; bytes: number } {
  const m = tf.memory();
  return { tensors: m.numTensors, bytes: m.numBytes };
}
