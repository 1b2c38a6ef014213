/**
 * @file The benchmark's rows for the pretrained backbones: one published model per family at its real
 * size (SmolLM2-135M, ModernBERT-base, DeBERTa-v3-small, bert-base-cased) with seeded random weights,
 * LoRA-fine-tuned by the real loop (runTraining) on the benchmark's sentences, each word standing for
 * one or two subword pieces of a hash-picked id. On a software WebGPU adapter the same model runs as a
 * "narrow twin" (same layers, heads and sequence shapes, 8 dimensions per head, a small vocabulary):
 * GPU dispatches per step depend on the ops run, not on their widths, and full widths would take
 * minutes a step there.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { makeRng } from '../core/rng';
import type { WeightData } from '../model/hf/checkpoint';
import { parseEncoderConfig, type EncoderSpec } from '../model/hf/config';
import { encoderParams } from '../model/hf/paramNames';
import type { SubwordTokenizer } from '../tokenize/subwordTokenizer';
import { withWordPieces } from '../tokenize/sentencePieces';
import { measureTraining, type BenchData } from './bench';
import type { BenchRun } from './benchReport';

/** config.json of each family's model, as published on the Hub. */
export const BACKBONE_BENCH_TABLE: Record<string, Record<string, unknown>> = {
  'smollm2-135m': {
    model_type: 'llama', vocab_size: 49152, hidden_size: 576, intermediate_size: 1536, num_hidden_layers: 30, num_attention_heads: 9, num_key_value_heads: 3,
    max_position_embeddings: 8192, rms_norm_eps: 1e-5, rope_theta: 100000, hidden_act: 'silu', tie_word_embeddings: true,
  },
  'modernbert-base': {
    model_type: 'modernbert', vocab_size: 50368, hidden_size: 768, intermediate_size: 1152, num_hidden_layers: 22, num_attention_heads: 12,
    max_position_embeddings: 8192, global_attn_every_n_layers: 3, local_attention: 128, norm_bias: false, pad_token_id: 50283,
  },
  'deberta-v3-small': {
    model_type: 'deberta-v2', vocab_size: 128100, hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 6, num_attention_heads: 12, max_position_embeddings: 512,
    type_vocab_size: 0, relative_attention: true, max_relative_positions: -1, position_buckets: 256, norm_rel_ebd: 'layer_norm', share_att_key: true, pos_att_type: ['p2c', 'c2p'], position_biased_input: false, layer_norm_eps: 1e-7,
  },
  'bert-base-cased': { model_type: 'bert', vocab_size: 28996, hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12, num_attention_heads: 12, max_position_embeddings: 512, type_vocab_size: 2 },
};

export const BACKBONE_BENCH_NAMES = Object.keys(BACKBONE_BENCH_TABLE);

/** Sentences per step and tokens per window for every backbone row. */
export const BACKBONE_BATCH = 8;
const MAX_TOKENS = 128;

/** The same layers, heads and window, 8 dimensions per head and a 1,024-token vocabulary. */
export function narrowTwin(config: Record<string, unknown>): Record<string, unknown> {
  const heads = Number(config.num_attention_heads);
  return { ...config, vocab_size: 1024, hidden_size: 8 * heads, intermediate_size: 16 * heads, ...(config.embedding_size ? { embedding_size: 8 * heads } : {}), pad_token_id: 0 };
}

/** Seeded uniform weights of the right spread: norms near 1, dense layers 1/sqrt(in), tables 0.02. */
function randomWeights(spec: EncoderSpec): Map<string, WeightData> {
  const rng = makeRng(7);
  const out = new Map<string, WeightData>();
  for (const p of encoderParams(spec)) {
    const size = p.hfShape.reduce((a, b) => a * b, 1);
    const norm = p.kind === 'vector' && /norm|LayerNorm/i.test(p.name) && p.name.endsWith('.weight');
    const spread = p.kind === 'linear' ? 1 / Math.sqrt(p.hfShape[1]) : p.kind === 'table' ? 0.02 : 0.01;
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = (norm ? 1 : 0) + (rng() * 2 - 1) * spread * Math.sqrt(3);
    out.set(p.name, { shape: p.hfShape, data });
  }
  return out;
}

/** Each word one piece, or two when it is longer than six letters, with ids picked by a hash of the word. */
function syntheticTokenizer(spec: EncoderSpec): SubwordTokenizer {
  const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);
  const id = (s: string) => 1 + (hash(s) % (spec.vocabSize - 1));
  const special = spec.causal ? [] : [1];
  return {
    kind: 'bpe',
    vocabSize: spec.vocabSize,
    prefixIds: special,
    suffixIds: spec.causal ? [] : [2],
    padId: spec.padTokenId,
    unkId: null,
    modelMaxLength: null,
    encodeWord: (word) => (word.length > 6 ? [id(word.slice(0, 4)), id(word.slice(4))] : [id(word)]),
    tokenOf: () => undefined,
  };
}

export interface BackboneBenchSpec {
  env: BenchRun['env'];
  name: string;
  narrow: boolean;
  steps: number;
  warmupSteps: number;
  dispatches?: () => number;
  processBytes?: () => number;
}

/** Trains the backbone with LoRA for warm-up + measured steps; sentences are windows ("sequences"). */
export async function backboneBenchmark(data: BenchData, spec: BackboneBenchSpec): Promise<BenchRun> {
  const published = BACKBONE_BENCH_TABLE[spec.name];
  if (!published) throw new Error(`unknown backbone '${spec.name}'; backbones: ${BACKBONE_BENCH_NAMES.join(', ')}`);
  const model = parseEncoderConfig(spec.narrow ? narrowTwin(published) : published);
  const words = data.train.map((s) => Array.from(s.words, (w) => data.vocab.words[w] ?? 'unk'));
  const train = withWordPieces(data.train, words, syntheticTokenizer(model), { maxTokens: MAX_TOKENS, stride: 32 });
  const total = spec.warmupSteps + spec.steps;
  const config: RunConfig = {
    ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: spec.name, finetune: 'lora', batchSize: BACKBONE_BATCH, maxSteps: total, epochs: 1000,
    learningRate: 1e-3, maxLength: MAX_TOKENS, evalEvery: 0, patience: 0, stateEvery: 0,
  };
  const pretrained = { spec: model, encoderWeights: randomWeights(model) };
  const row = await measureTraining(config, { vocab: data.vocab, train, dev: [], pretrained }, spec);
  return {
    env: spec.env,
    backend: tf.getBackend(),
    model: `${spec.name}${spec.narrow ? ' (narrow twin)' : ''} LoRA`,
    batch_size: BACKBONE_BATCH,
    ...row,
    predict_sentences_per_s: NaN,
    predict_tokens_per_s: NaN,
  };
}
