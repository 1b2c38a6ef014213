/**
 * @file How many parameters a pretrained encoder has and how many of them train under each
 * fine-tuning option, from its config alone: the studio shows the numbers and checks memory
 * before any weights become tensors. HfEncoder.parameterCounts() gives the same from a built model.
 */
import type { EncoderSpec } from './config';
import { paramAdapted, paramTrains, type EncoderTraining } from './training';
import { encoderParams } from './paramNames';

export interface ParameterCounts {
  total: number;
  trainable: number;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Encoder parameters (LoRA adapters included), total and trainable. */
export function encoderParameterCounts(spec: EncoderSpec, training: EncoderTraining): ParameterCounts {
  const params = encoderParams(spec);
  const base = params.reduce((n, p) => n + size(p.hfShape), 0);
  const trainsBase = params.filter((p) => paramTrains(p, training, spec.numLayers)).reduce((n, p) => n + size(p.hfShape), 0);
  if (training.mode !== 'lora') return { total: base, trainable: trainsBase };
  // Each adapted [out, in] dense layer gets A [in, r] and B [r, out].
  const adapters = params
    .filter((p) => paramAdapted(p, training))
    .reduce((n, p) => n + training.rank * (p.hfShape[0] + p.hfShape[1]), 0);
  return { total: base + adapters, trainable: trainsBase + adapters };
}

/** The tagging head on top: the emission layer [H, K] + [K], and the CRF's [K, K] + 2 [K]. */
export function headParameterCount(hiddenSize: number, numLabels: number, crf: boolean): number {
  const K = numLabels;
  return hiddenSize * K + K + (crf ? K * K + 2 * K : 0);
}
