/**
 * @file What of a pretrained encoder trains under each fine-tuning option, from its parameter list
 * alone (no tfjs here, so the model worker can count parameters without loading it).
 */
import type { EncoderSpec } from './config';
import type { LoraRole, ParamEntry } from './paramNames';

/** What LoRA adapts: attention projections by name, and 'mlp' for every dense layer of the feed-forward block. */
export type LoraTarget = 'query' | 'key' | 'value' | 'attentionOutput' | 'mlp';

/** Which of the encoder's weights train; a task head on top always trains. */
export type EncoderTraining =
  | { mode: 'full' }
  | { mode: 'frozen' }
  /** The top `layers` transformer layers; the embeddings and lower layers stay fixed. */
  | { mode: 'top'; layers: number }
  /** Low-rank adapters on the attention projections (query and value by default); the rest fixed. */
  | { mode: 'lora'; rank: number; alpha: number; targets?: LoraTarget[] };

export const DEFAULT_LORA_TARGETS: LoraTarget[] = ['query', 'value'];

/** Whether the LoRA targets adapt a dense layer of this role (a fused q/k/v projection when any of the three is a target). */
export function adaptsRole(targets: readonly LoraTarget[], role: LoraRole | undefined): boolean {
  if (!role) return false;
  if (role === 'qkv') return targets.some((t) => t === 'query' || t === 'key' || t === 'value');
  return targets.includes(role);
}

/** Whether a parameter trains under the fine-tuning option (a task head's always does). */
export function paramTrains(p: ParamEntry, training: EncoderTraining, numLayers: number): boolean {
  if (p.head) return true;
  if (training.mode === 'full') return true;
  if (training.mode === 'top') return p.layer >= numLayers - training.layers;
  return false;
}

/** Whether a parameter gets a LoRA adapter. */
export function paramAdapted(p: ParamEntry, training: EncoderTraining): boolean {
  return training.mode === 'lora' && p.kind === 'linear' && !p.head && adaptsRole(training.targets ?? DEFAULT_LORA_TARGETS, p.lora);
}

export function checkTraining(t: EncoderTraining, spec: EncoderSpec): void {
  if (t.mode === 'top' && !(Number.isInteger(t.layers) && t.layers >= 0 && t.layers <= spec.numLayers)) {
    throw new Error(`Train the top N layers: N must be 0 to ${spec.numLayers}, got ${t.layers}`);
  }
  if (t.mode === 'lora') {
    if (!(Number.isInteger(t.rank) && t.rank >= 1)) throw new Error(`LoRA rank must be a positive integer, got ${t.rank}`);
    if (!(t.alpha > 0)) throw new Error(`LoRA alpha must be positive, got ${t.alpha}`);
  }
}
