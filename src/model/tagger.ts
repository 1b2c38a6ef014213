/**
 * @file The BiLSTM-CNN-CRF tagger (Ma & Hovy 2016; Lample et al. 2016): word embeddings and a char
 * CNN, a BiLSTM, a linear emission head and an optional CRF. Batches come in as flat typed arrays
 * (core/batch.ts); decoding reads the scores once and runs Viterbi in plain TypeScript.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../core/batch';
import { makeRng } from '../core/rng';
import { argmaxDecode, viterbiDecode } from '../core/viterbi';
import type { CrfParams } from './crf';
import { BiLstm } from './layers/bilstm';
import { CharCnn } from './layers/charCnn';
import { SeededDropout } from './layers/dropout';
import { Embedding } from './layers/embedding';
import { Linear } from './layers/linear';
import { ParamStore, uniformValues } from './layers/params';
import { LOSSES, type LossName } from './losses';

export type { LossName } from './losses';

export interface TaggerConfig {
  encoder: 'bilstm';
  wordVocabSize: number;
  charVocabSize: number;
  numLabels: number;
  wordDim: number; // default 100
  charDim: number; // default 30
  charFilters: number; // default 30
  /** Char convolution width. */
  charKernel: number; // default 3
  /** LSTM units per direction. */
  hidden: number; // default 100
  dropout: number; // default 0.5
  crf: boolean;
  loss: LossName;
}

export const DEFAULT_TAGGER: Omit<TaggerConfig, 'wordVocabSize' | 'charVocabSize' | 'numLabels'> = {
  encoder: 'bilstm',
  wordDim: 100,
  charDim: 30,
  charFilters: 30,
  charKernel: 3,
  hidden: 100,
  dropout: 0.5,
  crf: true,
  loss: 'crf',
};

/** Why a config cannot be built, in words for the person who chose it; null when it is fine. */
export function checkTaggerConfig(c: TaggerConfig): string | null {
  if (c.encoder !== 'bilstm') return `unknown encoder '${c.encoder}'`;
  if (!(c.loss in LOSSES)) return `unknown loss '${c.loss}'`;
  if (c.loss === 'crf' && !c.crf) return "loss 'crf' needs the CRF: turn CRF on or choose cross_entropy";
  const sizes = ['wordVocabSize', 'charVocabSize', 'numLabels', 'wordDim', 'charDim', 'charFilters', 'charKernel', 'hidden'] as const;
  for (const key of sizes) {
    if (!Number.isInteger(c[key]) || c[key] < 1) return `${key} must be a positive integer, got ${c[key]}`;
  }
  if (!(c.dropout >= 0 && c.dropout < 1)) return `dropout must be in [0, 1), got ${c.dropout}`;
  return null;
}

/** A batch as tensors; created and disposed inside one tf.tidy. */
interface BatchTensors {
  words: tf.Tensor1D; // [B*T] int32
  chars: tf.Tensor2D; // [B*T, C] int32
  charMask: tf.Tensor2D; // [B*T, C]
  mask: tf.Tensor2D; // [B, T]
}

export class Tagger {
  readonly config: TaggerConfig;
  private readonly store = new ParamStore();
  private readonly words: Embedding;
  private readonly chars: CharCnn;
  private readonly encoder: BiLstm;
  private readonly head: Linear;
  private readonly crf: CrfParams | null;
  private readonly dropout: SeededDropout;

  constructor(config: TaggerConfig, seed: number) {
    const problem = checkTaggerConfig(config);
    if (problem) throw new Error(`Invalid tagger config: ${problem}`);
    this.config = { ...config };
    const c = this.config;
    const rng = makeRng(seed);
    // A separate stream for dropout, so changing the architecture's init does not shift the masks.
    this.dropout = new SeededDropout(c.dropout, makeRng((seed ^ 0x5bd1e995) >>> 0));
    this.words = new Embedding(this.store, 'word_embeddings', c.wordVocabSize, c.wordDim, rng);
    this.chars = new CharCnn(this.store, c.charVocabSize, c.charDim, c.charFilters, c.charKernel, rng);
    this.encoder = new BiLstm(this.store, c.wordDim + c.charFilters, c.hidden, rng);
    this.head = new Linear(this.store, 'emissions', 2 * c.hidden, c.numLabels, rng);
    const K = c.numLabels;
    this.crf = c.crf
      ? {
          transitions: this.store.add('crf.transitions', [K, K], uniformValues(K * K, 0.1, rng)) as tf.Variable<tf.Rank.R2>,
          start: this.store.add('crf.start', [K], uniformValues(K, 0.1, rng)) as tf.Variable<tf.Rank.R1>,
          end: this.store.add('crf.end', [K], uniformValues(K, 0.1, rng)) as tf.Variable<tf.Rank.R1>,
        }
      : null;
  }

  loss(batch: Batch, training: boolean): tf.Scalar {
    return tf.tidy(() => {
      const inputs = this.toTensors(batch);
      const emissions = this.emissionsFrom(inputs, batch, training);
      const labels = tf.tensor2d(batch.labels, [batch.size, batch.maxLen], 'int32'); // [B, T]
      return LOSSES[this.config.loss]({ emissions, labels, mask: inputs.mask, crf: this.crf });
    });
  }

  emissions(batch: Batch, training: boolean): tf.Tensor3D {
    return tf.tidy(() => this.emissionsFrom(this.toTensors(batch), batch, training));
  }

  async predict(batch: Batch): Promise<number[][]> {
    const { size: B, maxLen: T } = batch;
    const K = this.config.numLabels;
    const flat = tf.tidy(() => {
      const parts: tf.Tensor[] = [this.emissions(batch, false).reshape([B * T * K])];
      if (this.crf) parts.push(this.crf.transitions.reshape([K * K]), this.crf.start, this.crf.end);
      return tf.concat(parts); // [B*T*K (+ K*K + 2K)]
    });
    const values = (await flat.data()) as Float32Array; // sync point: the one read per batch
    flat.dispose();
    const emissions = values.subarray(0, B * T * K);
    if (!this.crf) return argmaxDecode(emissions, B, T, K, batch.lengths);
    let at = B * T * K;
    const take = (n: number) => values.subarray(at, (at += n));
    return viterbiDecode(emissions, B, T, K, batch.lengths, take(K * K), take(K), take(K));
  }

  namedVariables(): Map<string, tf.Variable> {
    return new Map(this.store.variables);
  }

  parameterCount(): number {
    let n = 0;
    for (const v of this.store.variables.values()) n += v.size;
    return n;
  }

  async exportWeights(): Promise<{ name: string; shape: number[]; data: Float32Array }[]> {
    const out: { name: string; shape: number[]; data: Float32Array }[] = [];
    for (const [name, v] of this.store.variables) {
      out.push({ name, shape: v.shape.slice(), data: (await v.data()) as Float32Array }); // sync point
    }
    return out;
  }

  importWeights(weights: Map<string, { shape: number[]; data: Float32Array | Int32Array }>): void {
    // Check everything before assigning anything, so a bad checkpoint leaves the tagger as it was.
    for (const [name, v] of this.store.variables) {
      const w = weights.get(name);
      if (!w) throw new Error(`Checkpoint lacks tensor '${name}' (shape [${v.shape}])`);
      const size = w.shape.reduce((a, b) => a * b, 1);
      if (w.shape.length !== v.shape.length || w.shape.some((d, i) => d !== v.shape[i]) || size !== w.data.length) {
        throw new Error(`Tensor '${name}' has shape [${w.shape}] (${w.data.length} values) in the checkpoint, the model needs [${v.shape}]`);
      }
    }
    for (const name of weights.keys()) {
      if (!this.store.variables.has(name)) throw new Error(`Checkpoint tensor '${name}' does not belong to this model`);
    }
    for (const [name, v] of this.store.variables) {
      const w = weights.get(name)!;
      const values = w.data instanceof Float32Array ? w.data : Float32Array.from(w.data);
      tf.tidy(() => v.assign(tf.tensor(values, w.shape, 'float32')));
    }
  }

  dispose(): void {
    this.store.dispose();
  }

  private toTensors(batch: Batch): BatchTensors {
    const { size: B, maxLen: T, maxWordLen: C } = batch;
    const charMask = new Float32Array(batch.chars.length);
    for (let i = 0; i < charMask.length; i++) charMask[i] = batch.chars[i] > 0 ? 1 : 0;
    return {
      words: tf.tensor1d(batch.words, 'int32'),
      chars: tf.tensor2d(batch.chars, [B * T, C], 'int32'),
      charMask: tf.tensor2d(charMask, [B * T, C]),
      mask: tf.tensor2d(batch.mask, [B, T]),
    };
  }

  private emissionsFrom(x: BatchTensors, batch: Batch, training: boolean): tf.Tensor3D {
    const { size: B, maxLen: T } = batch;
    const c = this.config;
    const wordFeatures = this.words.lookup(x.words); // [B*T, wordDim]
    const charFeatures = this.chars.apply(x.chars, x.charMask); // [B*T, charFilters]
    const tokens = tf.concat([wordFeatures, charFeatures], 1).reshape<tf.Tensor3D>([B, T, c.wordDim + c.charFilters]); // [B, T, D]
    const encoded = this.encoder.run(this.dropout.apply(tokens, training), x.mask); // [B, T, 2H]
    const features = this.dropout.apply(encoded, training).reshape<tf.Tensor2D>([B * T, 2 * c.hidden]); // [B*T, 2H]
    return this.head.apply(features).reshape<tf.Tensor3D>([B, T, c.numLabels]); // [B, T, K]
  }
}
