/**
 * @file Whether fine-tuning a pretrained encoder fits the device, from its config before any
 * weights become tensors: parameters (total and trainable under the fine-tuning option, head
 * included) and model/hf/memory.ts' estimate against the backend's limits. The studio shows it
 * when a model is loaded; the training worker refuses to start a run that does not fit.
 */
import type { RunConfig } from '../core/config/config';
import type { EncoderSpec } from '../model/hf/config';
import { estimateEncoderMemory, memoryProblem, type DeviceLimits } from '../model/hf/memory';
import { encoderParams } from '../model/hf/paramNames';
import { encoderParameterCounts, headParameterCount } from '../model/hf/parameterCount';
import { paramTrains, type EncoderTraining } from '../model/hf/training';
import { encoderTrainingFor, halfPrecisionFor } from './pretrained';

export interface PretrainedFit {
  /** Parameters of the encoder and the head (CRF included), and those that train. */
  total: number;
  trainable: number;
  /** Estimated bytes for weights, optimiser moments and activations. */
  memoryBytes: number;
  /** Tokens per window the estimate assumed. */
  seqLen: number;
  /** Why it does not fit, in words; null when it does. */
  problem: string | null;
  /** Frozen dense weights kept in half precision on this backend (RunConfig.frozenWeights), and how many parameters that is. */
  halfPrecision: boolean;
  halfParameters: number;
}

/** Parameters of the frozen dense layers: those half precision would hold. */
export function frozenDenseParameters(spec: EncoderSpec, training: EncoderTraining): number {
  return encoderParams(spec)
    .filter((p) => p.kind === 'linear' && !paramTrains(p, training, spec.numLayers))
    .reduce((n, p) => n + p.hfShape[0] * p.hfShape[1], 0);
}

/** backend: the one training will run on (frozen weights are halved on WebGPU under 'auto'). */
export function pretrainedFit(config: RunConfig, spec: EncoderSpec, numLabels: number, limits: DeviceLimits, seqLen?: number, backend = 'wasm'): PretrainedFit {
  // More top layers than the model has would train it all; say so instead.
  const layers = config.finetune === 'top' && config.topLayers > spec.numLayers ? `topLayers: ${config.topLayers} is more than the model's ${spec.numLayers} layers` : null;
  const training = encoderTrainingFor(layers ? { ...config, topLayers: spec.numLayers } : config);
  const encoder = encoderParameterCounts(spec, training);
  const head = headParameterCount(spec.hiddenSize, numLabels, config.crf);
  const T = Math.max(1, Math.min(seqLen ?? (config.maxLength > 0 ? config.maxLength : spec.maxTokens), spec.maxTokens));
  const halfPrecision = halfPrecisionFor(config, backend);
  const halfParameters = halfPrecision ? frozenDenseParameters(spec, training) : 0;
  const estimate = estimateEncoderMemory(spec, { batchSize: config.batchSize, seqLen: T, trainableParameters: encoder.trainable + head, training: true, halfPrecisionParameters: halfParameters });
  return {
    total: encoder.total + head,
    trainable: encoder.trainable + head,
    memoryBytes: estimate.totalBytes,
    seqLen: T,
    problem: layers ?? memoryProblem(estimate, limits),
    halfPrecision,
    halfParameters,
  };
}

/** What the run status says about the weights: float16 storage and what it saves, or why float32. */
export function weightStorageNote(fit: PretrainedFit, config: Pick<RunConfig, 'frozenWeights'>, backend: string): string {
  const mib = (bytes: number) => `${Math.max(1, Math.round(bytes / 2 ** 20))} MiB`;
  if (fit.halfPrecision) {
    return `Frozen weights: float16 storage for ${fit.halfParameters.toLocaleString('en-US')} parameters (${mib(2 * fit.halfParameters)} instead of ${mib(4 * fit.halfParameters)}), expanded to float32 for each product.`;
  }
  if (config.frozenWeights === 'float32') return 'Frozen weights: float32, as model.frozen_weights asks.';
  if (fit.halfParameters === 0 && backend === 'webgpu') return 'Frozen weights: float32 (nothing frozen to store in float16: the whole encoder trains).';
  return `Frozen weights: float32 (float16 storage is used on WebGPU; this run is on ${backend}).`;
}
