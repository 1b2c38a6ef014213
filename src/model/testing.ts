/**
 * @file Test helpers for tfjs code: switch between the backends tests run on, and check that a
 * piece of code leaves no tensors behind. Only imported by *.test.ts files.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerMissingWasmKernels } from '../backend/wasmKernels';

/** The backends every tfjs test runs on in Node (webgpu needs a browser or Dawn). */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof TEST_BACKENDS)[number]): Promise<void> {
  if (name === 'wasm') registerMissingWasmKernels();
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to start`);
  await tf.ready();
}

/** Runs fn and fails if the number of live tensors changed. */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const out = await fn();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`tensor leak: ${before} tensors before, ${after} after`);
  return out;
}
