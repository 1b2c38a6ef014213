/**
 * @file The Hugging Face parameter names of each architecture, in one list per spec: the loader
 * looks weights up by them, the encoder names its variables with them and the export writes them
 * back, so a checkpoint round-trips through `transformers` unchanged. Each architecture's own list
 * lives in its folder (bert/, llama/, modernbert/, deberta/ params.ts).
 */
import { bertParams } from './bert/params';
import type { EncoderSpec } from './config';
import { debertaParams } from './deberta/params';
import { decoderParams } from './llama/params';
import { modernBertParams } from './modernbert/params';

/** 'linear': a dense weight, [out, in] in the checkpoint, kept [in, out] in ours. */
export type ParamKind = 'table' | 'linear' | 'vector';

/** Which LoRA targets adapt a dense layer: the attention's projections ('qkv': a fused one) or the MLP's. */
export type LoraRole = 'query' | 'key' | 'value' | 'qkv' | 'attentionOutput' | 'mlp';

export interface ParamEntry {
  name: string;
  /** Shape as stored in a Hugging Face checkpoint. */
  hfShape: number[];
  kind: ParamKind;
  /** The transformer layer it belongs to; -1 for the embeddings (and weights every layer shares). */
  layer: number;
  lora?: LoraRole;
  /**
   * A task-head weight under its own name, outside the base model (ModernBERT's `head.*`): it always
   * trains, and a checkpoint without it (a bare base model) gets it initialised as transformers would.
   */
  head?: { init: 'normal' | 'ones' | 'zeros' };
}

/** Every encoder parameter with its checkpoint shape, embeddings first (the word embeddings first of all), then layer by layer. */
export function encoderParams(spec: EncoderSpec): ParamEntry[] {
  switch (spec.architecture) {
    case 'bert':
      return bertParams(spec);
    case 'decoder':
      return decoderParams(spec);
    case 'modernbert':
      return modernBertParams(spec);
    case 'deberta':
      return debertaParams(spec);
    default:
      return spec satisfies never;
  }
}

/** A helper for the architectures' lists. */
export class ParamList {
  readonly entries: ParamEntry[] = [];
  add(name: string, hfShape: number[], kind: ParamKind, layer: number, extra: Pick<ParamEntry, 'lora' | 'head'> = {}): void {
    this.entries.push({ name, hfShape, kind, layer, ...extra });
  }
  /** A dense layer `prefix`.weight [out, in], and `prefix`.bias [out] when it has one. */
  linear(prefix: string, outDim: number, inDim: number, bias: boolean, layer: number, lora?: LoraRole): void {
    this.add(`${prefix}.weight`, [outDim, inDim], 'linear', layer, lora ? { lora } : {});
    if (bias) this.add(`${prefix}.bias`, [outDim], 'vector', layer);
  }
  /** A LayerNorm or RMSNorm: `prefix`.weight [dim], and its bias when it has one. */
  norm(prefix: string, dim: number, bias: boolean, layer: number): void {
    this.add(`${prefix}.weight`, [dim], 'vector', layer);
    if (bias) this.add(`${prefix}.bias`, [dim], 'vector', layer);
  }
}
