/**
 * @file Whether fine-tuning a pretrained encoder fits the device, from its config before any
 * weights become tensors: parameters (total and trainable under the fine-tuning option, head
 * included) and model/hf/memory.ts' estimate against the backend's limits. The studio shows it
 * when a model is loaded; the training worker refuses to start a run that does not fit.
 */
import type { RunConfig } from '../core/config/config';
import type { EncoderSpec } from '../model/hf/config';
import { estimateEncoderMemory, memoryProblem, type DeviceLimits } from '../model/hf/memory';
import { encoderParameterCounts, headParameterCount } from '../model/hf/parameterCount';
import { encoderTrainingFor } from './pretrained';

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
}

export function pretrainedFit(config: RunConfig, spec: EncoderSpec, numLabels: number, limits: DeviceLimits, seqLen?: number): PretrainedFit {
  // More top layers than the model has would train it all; say so instead.
  const layers = config.finetune === 'top' && config.topLayers > spec.numLayers ? `topLayers: ${config.topLayers} is more than the model's ${spec.numLayers} layers` : null;
  const training = encoderTrainingFor(layers ? { ...config, topLayers: spec.numLayers } : config);
  const encoder = encoderParameterCounts(spec, training);
  const head = headParameterCount(spec.hiddenSize, numLabels, config.crf);
  const T = Math.max(1, Math.min(seqLen ?? (config.maxLength > 0 ? config.maxLength : spec.maxTokens), spec.maxTokens));
  const estimate = estimateEncoderMemory(spec, { batchSize: config.batchSize, seqLen: T, trainableParameters: encoder.trainable + head, training: true });
  return {
    total: encoder.total + head,
    trainable: encoder.trainable + head,
    memoryBytes: estimate.totalBytes,
    seqLen: T,
    problem: layers ?? memoryProblem(estimate, limits),
  };
}
