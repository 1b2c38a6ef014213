/**
 * @file How much memory fine-tuning a pretrained encoder takes, estimated from its config before
 * any weights are uploaded, so the studio can say a model does not fit before training starts
 * rather than fail inside WebGPU. Estimates, not measurements: tfjs keeps every intermediate of
 * the forward pass for the backward pass, and that dominates at long sequence lengths.
 */
import type { EncoderSpec } from './config';

export interface MemoryEstimate {
  /** Weights, float32. */
  parameterBytes: number;
  /** Gradients and Adam's two moments for what trains. */
  optimizerBytes: number;
  /** Intermediates kept for the backward pass (training) or live at once (prediction). */
  activationBytes: number;
  totalBytes: number;
  /** The largest single tensor: what must fit in one GPU buffer binding. */
  largestTensorBytes: number;
  largestTensor: string;
}

export interface DeviceLimits {
  /** GPUAdapter.limits.maxStorageBufferBindingSize (128 MiB unless requested higher). */
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  /** What the person's device may hold in all, when known (navigator.deviceMemory and the like). */
  memoryBytes?: number;
}

const F32 = 4;

export function estimateEncoderMemory(spec: EncoderSpec, options: { batchSize: number; seqLen: number; trainableParameters: number; training: boolean }): MemoryEstimate {
  const { hiddenSize: H, intermediateSize: I, numHeads: nh, numLayers: L } = spec;
  const { batchSize: B, seqLen: T, trainableParameters } = options;
  const parameters =
    spec.vocabSize * H + spec.maxPositions * H + spec.typeVocabSize * H + 2 * H + L * (4 * (H * H + H) + 2 * (H * I) + I + H + 4 * H);
  const tokens = B * T;
  // Per token and layer: q, k, v, context, projections, two LayerNorms' inputs and outputs (~12 H),
  // the FFN's inner activations before and after GELU (~3 I), scores, probabilities and dropout mask (3 nh T).
  const perLayer = tokens * (12 * H + 3 * I + 3 * nh * T);
  const kept = options.training ? L : 1;
  const tensors: [string, number][] = [
    [`word embeddings [${spec.vocabSize}, ${H}]`, spec.vocabSize * H],
    [`attention scores [${B}, ${nh}, ${T}, ${T}]`, B * nh * T * T],
    [`feed-forward activations [${tokens}, ${I}]`, tokens * I],
  ];
  const [largestTensor, largest] = tensors.reduce((a, b) => (b[1] > a[1] ? b : a));
  const parameterBytes = parameters * F32;
  const optimizerBytes = options.training ? 3 * trainableParameters * F32 : 0;
  const activationBytes = (kept * perLayer + tokens * H * 4) * F32;
  return {
    parameterBytes,
    optimizerBytes,
    activationBytes,
    totalBytes: parameterBytes + optimizerBytes + activationBytes,
    largestTensorBytes: largest * F32,
    largestTensor,
  };
}

/** Why the estimate does not fit the device, in words; null when it fits. */
export function memoryProblem(estimate: MemoryEstimate, limits: DeviceLimits): string | null {
  const binding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (estimate.largestTensorBytes > binding) {
    return (
      `The ${estimate.largestTensor} take ${mib(estimate.largestTensorBytes)}, more than this GPU allows in one buffer ` +
      `(${mib(binding)}). Choose a smaller model or a shorter window / smaller batch, or train on the CPU (wasm) backend.`
    );
  }
  if (limits.memoryBytes !== undefined && estimate.totalBytes > limits.memoryBytes) {
    return (
      `Training needs about ${mib(estimate.totalBytes)} (weights ${mib(estimate.parameterBytes)}, optimiser ${mib(estimate.optimizerBytes)}, ` +
      `activations ${mib(estimate.activationBytes)}), more than the ${mib(limits.memoryBytes)} available. ` +
      `Lower the batch size or window length, freeze the encoder, or use LoRA.`
    );
  }
  return null;
}

function mib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`;
}
