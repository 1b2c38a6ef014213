/** @file How many optimiser steps a run takes, from its config and its training set's size: one rule for the loop, the CLI's progress and the studio's estimate. */
import type { RunConfig } from './config';

/** Optimiser steps per epoch: bucketByLength cuts ceil(n / batchSize) micro-batches, gradAccumulation to a step. */
export function stepsPerEpochFor(config: Pick<RunConfig, 'batchSize' | 'gradAccumulation'>, trainSize: number): number {
  return Math.ceil(Math.ceil(trainSize / config.batchSize) / config.gradAccumulation);
}

/** Optimiser steps the run takes at most: its epochs, cut at config.maxSteps. */
export function totalSteps(config: Pick<RunConfig, 'epochs' | 'maxSteps'>, stepsPerEpoch: number): number {
  const planned = config.epochs * stepsPerEpoch;
  return config.maxSteps > 0 ? Math.min(config.maxSteps, planned) : planned;
}
