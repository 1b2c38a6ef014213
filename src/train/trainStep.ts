/**
 * @file One optimiser step: gradients of every micro-batch (averaged: accumulation), clipped by
 * global norm, applied with this step's learning rate. One read from the device per step.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../core/dataset/batch';
import type { Tagger } from '../model/tagger';
import { globalNorm } from './clip';
import type { NamedVariable, TrainOptimizer } from './optimizers';

export interface StepOutcome {
  /** Mean loss over the micro-batches. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

export async function trainStep(
  tagger: Tagger,
  vars: NamedVariable[],
  optimizer: TrainOptimizer,
  batches: Batch[],
  lr: number,
  clipNorm: number,
): Promise<StepOutcome> {
  if (batches.length === 0) throw new Error('trainStep needs at least one batch');
  const list = vars.map((v) => v.variable);
  let sums: tf.Tensor[] | null = null; // [loss, ...grads], summed over micro-batches
  for (const batch of batches) {
    const previous: tf.Tensor[] | null = sums;
    sums = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tagger.loss(batch, true), list);
      // A variable the loss does not reach has no entry; its gradient is zero.
      const parts = [value, ...list.map((v) => grads[v.name] ?? tf.zerosLike(v))];
      return previous ? parts.map((p, i) => tf.add(previous[i], p)) : parts;
    });
    if (previous) tf.dispose(previous);
  }
  const totals = sums!;
  // One micro-batch needs no averaging (a division by 1 would cost a dispatch per gradient on webgpu).
  const mean = batches.length === 1 ? totals : tf.tidy(() => totals.map((t) => tf.div(t, batches.length)));
  if (mean !== totals) tf.dispose(totals);
  const grads = mean.slice(1);
  const { readout, norm } = tf.tidy(() => {
    const norm = globalNorm(grads);
    return { readout: tf.stack([mean[0], norm]), norm }; // [2]: loss, norm
  });
  try {
    // Clipping is the optimiser's first step: it scales the gradients by maxNorm / max(norm, maxNorm).
    optimizer.step(grads, lr, clipNorm > 0 ? { norm, maxNorm: clipNorm } : undefined);
  } catch (e) {
    readout.dispose();
    throw e;
  } finally {
    tf.dispose([...mean, norm]);
  }
  const [loss, gradNorm] = await readout.data(); // sync point: one read per step
  readout.dispose();
  return { loss, gradNorm };
}
