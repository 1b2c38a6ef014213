/**
 * @file How many parameters a pretrained encoder has and how many of them train under each
 * fine-tuning option, from its config alone: the studio shows the numbers and checks memory
 * before any weights become tensors. HfEncoder.parameterCounts() gives the same from a built model.
 */
import type { EncoderSpec } from './config';
import type { EncoderTraining } from './encoder';
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
  switch (training.mode) {
    case 'full':
      return { total: base, trainable: base };
    case 'frozen':
      return { total: base, trainable: 0 };
    case 'top': {
      const from = spec.numLayers - training.layers;
      return { total: base, trainable: params.filter((p) => p.layer >= from).reduce((n, p) => n + size(p.hfShape), 0) };
    }
    case 'lora': {
      // Each adapted H x H projection gets A [H, r] and B [r, H].
      const targets = training.targets?.length ?? 2;
      const adapters = spec.numLayers * targets * 2 * spec.hiddenSize * training.rank;
      return { total: base + adapters, trainable: adapters };
    }
    default:
      return training satisfies never;
  }
}

/** The tagging head on top: the emission layer [H, K] + [K], and the CRF's [K, K] + 2 [K]. */
export function headParameterCount(hiddenSize: number, numLabels: number, crf: boolean): number {
  const K = numLabels;
  return hiddenSize * K + K + (crf ? K * K + 2 * K : 0);
}
