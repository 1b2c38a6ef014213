/**
 * @file Test helpers for tfjs code: switch between the backends tests run on, and check that a
 * piece of code leaves no tensors behind, and the tiny tagged fixture they share.
 */
import type { Sentence } from '../src/core/types';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerHalfKernels } from '../src/backend/halfKernels';
import { registerMissingWasmKernels } from '../src/backend/wasmKernels';

/** The backends every tfjs test runs on in Node (webgpu needs a browser or Dawn). */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof TEST_BACKENDS)[number]): Promise<void> {
  if (name === 'wasm') registerMissingWasmKernels();
  registerHalfKernels();
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

/** A sentence from space-separated tokens and tags, for fixtures. */
export const sentence = (text: string, tags: string): Sentence => ({ tokens: text.split(' '), tags: tags.split(' ') });

/** The small tagged fixture the model and training tests share: PER, ORG, LOC, a one-token sentence, one without entities but O. */
export const TINY_SENTENCES: Sentence[] = [
  sentence('Anna Berg lives in Oslo', 'B-PER I-PER O O B-LOC'),
  sentence('Oslo is cold', 'B-LOC O O'),
  sentence('Carl visited Acme Corp in Rome today', 'B-PER O B-ORG I-ORG O B-LOC O'),
  sentence('Acme Corp hired Anna', 'B-ORG I-ORG O B-PER'),
  sentence('Rome', 'B-LOC'),
  sentence('the weather in Oslo and Rome is nice', 'O O O B-LOC O B-LOC O O'),
];
