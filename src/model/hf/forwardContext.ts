/**
 * @file What an architecture's forward pass (bert/, llama/, modernbert/, deberta/ forward.ts) gets
 * from HfEncoder: its weights by Hugging Face name, dense layers with their LoRA adapters, seeded
 * dropout, and the run's attention choice for decoders.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Dense } from './ops';

export interface EncoderInputs {
  inputIds: tf.Tensor2D; // [B, T] int32
  attentionMask: tf.Tensor2D; // [B, T] 1 for tokens, 0 for padding (real tokens first)
  tokenTypeIds?: tf.Tensor2D; // [B, T] int32; zeros when absent
}

/** How a decoder's tokens see each other: causal (left context only) or with the causal mask lifted. */
export type DecoderAttention = 'causal' | 'bidirectional';

export interface ForwardContext {
  /** A weight by its Hugging Face name (dense weights [in, out]). */
  weight(name: string): tf.Tensor;
  /** The dense layer `prefix`.weight / .bias, with its LoRA adapter when it has one. */
  linear(prefix: string): Dense;
  /** Seeded dropout; identity when not training. */
  dropout<T extends tf.Tensor>(x: T, rate: number, training: boolean): T;
  attention: DecoderAttention;
}

/** [B, T] ids -> [B, T, H]: the states the token classifier's linear layer reads. Call inside tf.tidy. */
export type ForwardPass = (inputs: EncoderInputs, training: boolean) => tf.Tensor3D;

export function checkLength(T: number, maxTokens: number): void {
  if (T > maxTokens) throw new Error(`Input of ${T} tokens is longer than the model's limit of ${maxTokens}`);
}
