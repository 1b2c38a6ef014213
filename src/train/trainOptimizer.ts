/**
 * @file What every optimiser of a run offers the training loop (optimizers.ts' tf.train wrappers and
 * fusedOptimizer.ts' fused updates alike), and the state it hands out for resuming.
 */
import type * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../core/config/config';

/** A trainable variable under the model's stable name ('bilstm.fw.kernel'), not tfjs' automatic one. */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

export interface SlotTensor {
  /** '<variable>/<slot>', e.g. 'emissions.kernel/m'. */
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Everything an optimiser carries between steps, as plain data (structured-cloneable). */
export interface OptimizerState {
  name: OptimizerName;
  /** Updates applied so far (Adam's bias correction depends on it). */
  iterations: number;
  slots: SlotTensor[];
}

export interface TrainOptimizer {
  readonly name: OptimizerName;
  /**
   * One update of every variable; grads[i] belongs to vars[i], in the same order on every call. With `clip`, the
   * gradients are first scaled by maxNorm / max(norm, maxNorm) (clip.ts clipByGlobalNorm's scaling).
   */
  step(grads: tf.Tensor[], lr: number, clip?: ClipBy): void;
  exportState(): Promise<OptimizerState>;
  /** Replaces the moments; only valid on a fresh optimiser over variables of the same names and shapes. */
  importState(state: OptimizerState): Promise<void>;
  dispose(): void;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
/** Fixed rather than tfjs' per-backend default, so every backend takes the same steps. */
export const ADAM_EPSILON = 1e-8;

/** Clipping by global norm, applied inside the update: the gradients' norm before clipping, and the largest allowed. */
export interface ClipBy {
  norm: tf.Scalar;
  maxNorm: number;
}
