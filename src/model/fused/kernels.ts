/**
 * @file Where a fused op finds its kernel. Every fused op (lstm.ts, crfLikelihood.ts, viterbi.ts, optimizer.ts,
 * globalNorm.ts) is one tfjs kernel name with per-backend implementations: a backend that has the kernel registered
 * runs it, any other backend runs the op's unfused tfjs ops. webgpu's kernels are in webgpu/, wasm's and cpu's in
 * cpu/; adding one is a registerFusedKernel call, and callers never change. A kernel may also refuse a shape (the GPU's workgroup limits): the op then
 * runs unfused and leaves a notice, which the training worker shows in the run status.
 */
import * as tf from '@tensorflow/tfjs';

/** Why a registered kernel cannot run these attributes on this device (null: it can). */
export type ShapeCheck = (attrs: Record<string, number>) => string | null;

const checks = new Map<string, ShapeCheck>(); // `${kernel}/${backend}` -> check
let enabled = true;
const notices = new Set<string>();
const pending: string[] = [];

/** Registers a fused kernel for one backend, with the shapes it refuses. */
export function registerFusedKernel(kernelName: string, backendName: string, kernelFunc: tf.KernelFunc, check?: ShapeCheck): void {
  if (tf.getKernel(kernelName, backendName)) return; // a second import of the same module (tests, hot reload)
  tf.registerKernel({ kernelName, backendName, kernelFunc });
  if (check) checks.set(`${kernelName}/${backendName}`, check);
}

/**
 * True when every kernel of `names` is registered for the active backend, fused ops are on, and the kernels take
 * these attributes. A refused shape records a notice (once per distinct text) and answers false.
 */
export function useFusedKernels(names: readonly string[], attrs: Record<string, number> = {}): boolean {
  if (!enabled) return false;
  const backend = tf.getBackend();
  if (!names.every((name) => tf.getKernel(name, backend))) return false;
  for (const name of names) {
    const problem = checks.get(`${name}/${backend}`)?.(attrs) ?? null;
    if (problem) {
      if (!notices.has(problem)) {
        notices.add(problem);
        pending.push(problem);
      }
      return false;
    }
  }
  return true;
}

/** Turns the fused kernels off (false) or back on; the unfused ops are the reference the tests and the bench compare with. */
export function setFusedKernels(on: boolean): void {
  enabled = on;
}

/** Notices of ops that ran unfused because the device refused their shape, each once, since the last call. */
export function takeFusedNotices(): string[] {
  return pending.splice(0, pending.length);
}
