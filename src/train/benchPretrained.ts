/**
 * @file The pretrained encoder in the benchmark: a BERT-layout encoder of a named size with random weights (no
 * download; speed does not depend on the values) and a given tokenizer, fine-tuned with the studio's head and CRF.
 * bert-mini is small enough for SwiftShader; bert-base is BERT-base's shape (12 layers, hidden 768), for real GPUs.
 */
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import type { WeightData } from '../model/hf/checkpoint';
import { encoderParams } from '../model/hf/paramNames';
import { makeRng } from '../core/rng';
import { pretrainedTrainData, readPretrainedBase, type PretrainedBase } from './pretrained';
import type { TrainData } from './runTraining';

export const BENCH_ENCODERS = {
  'bert-mini': { num_hidden_layers: 4, hidden_size: 256, num_attention_heads: 4, intermediate_size: 1024 },
  'bert-base': { num_hidden_layers: 12, hidden_size: 768, num_attention_heads: 12, intermediate_size: 3072 },
} as const;

export type BenchEncoder = keyof typeof BENCH_ENCODERS;

export const isBenchEncoder = (name: string): name is BenchEncoder => Object.hasOwn(BENCH_ENCODERS, name);

/** A base model of `size` with random weights (normal-ish, scale 0.02 as BERT initialises) and `tokenizerFiles`. */
export function randomPretrainedBase(size: BenchEncoder, tokenizerFiles: ReadonlyMap<string, Uint8Array>, seed = 1): PretrainedBase {
  const config = {
    model_type: 'bert',
    architectures: ['BertForMaskedLM'],
    ...BENCH_ENCODERS[size],
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: 30522,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  };
  const files = new Map([['config.json', new TextEncoder().encode(JSON.stringify(config))], ...tokenizerFiles]);
  const base = readPretrainedBase(files, { weights: false });
  const rng = makeRng(seed);
  const weights = new Map<string, WeightData>();
  for (const p of encoderParams(base.spec)) {
    const n = p.hfShape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    if (p.kind === 'vector' && p.name.endsWith('LayerNorm.weight')) data.fill(1);
    else if (p.kind !== 'vector') for (let i = 0; i < n; i++) data[i] = (rng() + rng() + rng() - 1.5) * 0.04;
    weights.set(p.name, { shape: p.hfShape, data });
  }
  return { ...base, encoderWeights: weights };
}

/** The run config of a pretrained benchmark: fine-tuned in full, windows of 128 tokens. */
export function pretrainedBenchConfig(size: BenchEncoder, batchSize: number): RunConfig {
  return { ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: size, batchSize, learningRate: 5e-5, optimizer: 'adamw', maxLength: 128, stride: 32, finetune: 'full', evalEvery: 0, patience: 0, stateEvery: 0 };
}

/** Training data with subword pieces for the pretrained benchmark; `words` are the sentences' tokens as written. */
export function pretrainedBenchData(config: RunConfig, base: PretrainedBase, data: TrainData, words: readonly (readonly string[])[]): TrainData {
  return pretrainedTrainData(config, base, { ...data, dev: [] }, { train: words, dev: [] });
}
