/**
 * @file How much memory fine-tuning a pretrained encoder takes, estimated from its config before
 * any weights are uploaded, so the studio can say a model does not fit before training starts
 * rather than fail inside WebGPU. Estimates, not measurements: tfjs keeps every intermediate of
 * the forward pass for the backward pass, and that dominates at long sequence lengths. Each
 * architecture keeps different intermediates per token and layer (activationsPerToken).
 */
import type { EncoderSpec } from './config';
import { encoderParams } from './paramNames';

export interface MemoryEstimate {
  /** Weights: float32, or float16 for those stored in half precision. */
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

/** Every encoder parameter, as config.json implies (LoRA adapters not included). */
export function baseParameterCount(spec: EncoderSpec): number {
  return encoderParams(spec).reduce((n, p) => n + p.hfShape.reduce((a, b) => a * b, 1), 0);
}

/** Floats kept per token and layer for the backward pass, T tokens per window. */
function activationsPerToken(spec: EncoderSpec, T: number): number {
  const { hiddenSize: H, intermediateSize: I, numHeads: nh, headDim: d } = spec;
  const scores = 3 * nh * T; // scores, probabilities, dropout mask or masked sum
  switch (spec.architecture) {
    case 'bert':
      // q, k, v, context, projections, two LayerNorms' inputs and outputs (~12 H), the FFN before and after GELU (~3 I).
      return 12 * H + 3 * I + scores;
    case 'decoder': {
      const kv = spec.numKvHeads * d;
      // Two RMSNorms and residuals (~6 H), q and k before and after rotation, v, context and its copies, gate, up, SiLU and product.
      return 6 * H + 7 * nh * d + 5 * kv + 5 * I + scores;
    }
    case 'modernbert':
      // Norms and residuals, the fused qkv and its rotated parts (~9 H), context, Wi's 2 I and GeGLU's products, and the head.
      return 14 * H + 5 * I + scores;
    case 'deberta': {
      const span = spec.relative?.span ?? 0;
      // BERT's, plus the two position terms over every pair and their scores against all 2 * span relative embeddings.
      return 12 * H + 3 * I + 2 * scores + 4 * nh * span;
    }
    default:
      return spec satisfies never;
  }
}

export function estimateEncoderMemory(
  spec: EncoderSpec,
  options: { batchSize: number; seqLen: number; trainableParameters: number; training: boolean; halfPrecisionParameters?: number },
): MemoryEstimate {
  const { hiddenSize: H, intermediateSize: I, numHeads: nh, numLayers: L } = spec;
  const { batchSize: B, seqLen: T, trainableParameters } = options;
  const parameters = baseParameterCount(spec);
  const half = Math.min(options.halfPrecisionParameters ?? 0, parameters);
  const tokens = B * T;
  const kept = options.training ? L : 1;
  const wordTable = encoderParams(spec)[0].hfShape;
  const innerWidth = spec.architecture === 'modernbert' ? 2 * I : I;
  const tensors: [string, number][] = [
    [`word embeddings [${wordTable.join(', ')}]`, wordTable[0] * wordTable[1]],
    [`attention scores [${B}, ${nh}, ${T}, ${T}]`, B * nh * T * T],
    [`feed-forward activations [${tokens}, ${innerWidth}]`, tokens * innerWidth],
  ];
  const [largestTensor, largest] = tensors.reduce((a, b) => (b[1] > a[1] ? b : a));
  const parameterBytes = (parameters - half) * F32 + half * 2;
  const optimizerBytes = options.training ? 3 * trainableParameters * F32 : 0;
  const activationBytes = (kept * tokens * activationsPerToken(spec, T) + tokens * H * 4) * F32;
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
