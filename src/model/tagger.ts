/**
 * @file The tagger: an encoder from the table in encoders/ (BiLSTM-CNN, or a transformer trained from scratch), a
 * linear emission head and an optional CRF whose transitions may be constrained by the tag scheme. Batches come in as
 * flat typed arrays (core/batch.ts); decoding is the Viterbi op (fused/viterbi.ts): one read per batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../core/dataset/batch';
import { makeRng } from '../core/rng';
import { decodePaths, type DecodeScores } from '../core/decode/viterbi';
import { constrainedScores, type CrfParams } from './crf';
import { viterbiPaths } from './fused/viterbi';
import { ENCODER_TABLE, type Encoder, type PretrainedInit } from './encoders';
import { PretrainedEncoder } from './encoders/pretrained';
import type { HfEncoder } from './hf/encoder';
import { SeededDropout } from './layers/dropout';
import { Linear } from './layers/linear';
import { ParamStore, uniformValues } from './layers/params';
import { createLoss, type Loss } from './losses';
import { checkTaggerConfig, type TaggerConfig } from './taggerConfig';

export type { LossName } from './losses';
export { checkTaggerConfig, type TaggerConfig } from './taggerConfig';

/** What the tagger starts from besides its seed. */
export interface TaggerInit {
  /** Word id -> pre-trained vector [wordDim] (core/wordVectors.ts matchWordVectors' rows). */
  wordVectors?: ReadonlyMap<number, Float32Array>;
  /** The pretrained encoder's checkpoint (model/hf/checkpoint.ts); its weights null when a saved tagger's follow. */
  pretrained?: PretrainedInit;
}

/** One forward pass; every tensor belongs to the caller (use inside tf.tidy). */
export interface TaggerOutputs {
  /** The encoder's states [B, T, H] (H = Tagger.hiddenDim), zeros at padding; before the head's dropout. */
  hidden: tf.Tensor3D;
  /** Emission scores [B, T, K]. */
  emissions: tf.Tensor3D;
  /** [B, T] float, 1 for real tokens. */
  mask: tf.Tensor2D;
}

export class Tagger {
  readonly config: TaggerConfig;
  /** H, the width of TaggerOutputs.hidden. */
  readonly hiddenDim: number;
  private readonly store = new ParamStore();
  private readonly encoder: Encoder;
  private readonly head: Linear;
  /** The learned CRF scores, before constraints (crfScores adds them). */
  private readonly crf: CrfParams | null;
  private readonly dropout: SeededDropout;
  /** The training objective (losses/index.ts createLoss); its own variables, if any, live in `store` as 'loss.*'. */
  private readonly objective: Loss;

  constructor(config: TaggerConfig, seed: number, init: TaggerInit = {}) {
    const problem = checkTaggerConfig(config);
    if (problem) throw new Error(`Invalid tagger config: ${problem}`);
    this.config = { ...config };
    const c = this.config;
    const rng = makeRng(seed);
    // A separate stream for dropout, so changing the architecture's init does not shift the masks.
    this.dropout = new SeededDropout(c.dropout, makeRng((seed ^ 0x5bd1e995) >>> 0));
    this.encoder = ENCODER_TABLE[c.encoder]({ config: c, store: this.store, rng, dropout: this.dropout, wordVectors: init.wordVectors, pretrained: init.pretrained });
    this.hiddenDim = this.encoder.outputDim;
    this.head = new Linear(this.store, 'emissions', this.hiddenDim, c.numLabels, rng);
    const K = c.numLabels;
    this.crf = c.crf
      ? {
          transitions: this.store.add('crf.transitions', [K, K], uniformValues(K * K, 0.1, rng)) as tf.Variable<tf.Rank.R2>,
          start: this.store.add('crf.start', [K], uniformValues(K, 0.1, rng)) as tf.Variable<tf.Rank.R1>,
          end: this.store.add('crf.end', [K], uniformValues(K, 0.1, rng)) as tf.Variable<tf.Rank.R1>,
        }
      : null;
    try {
      // Its own random stream, so a loss with variables (label embeddings, auxiliary heads) leaves the model's init as it was.
      const lossRng = makeRng((seed ^ 0x10553eed) >>> 0);
      this.objective = createLoss({ loss: c.loss, params: c.lossParams, crf: c.crf, numLabels: K, hiddenDim: this.hiddenDim, data: c.lossData, store: this.store, rng: lossRng });
    } catch (e) {
      this.store.dispose();
      throw e;
    }
  }

  /**
   * Hidden states, emissions and mask for a batch. Not wrapped in a tidy: call it inside one (loss, emissions and
   * predict do). With `training`, dropout masks are drawn: the same number on every call, whatever the batch.
   */
  forward(batch: Batch, training: boolean): TaggerOutputs {
    const { size: B, maxLen: T } = batch;
    const mask = tf.tensor2d(batch.mask, [B, T]); // [B, T]
    // Subword encoders may pool each word's emissions over its pieces when predicting.
    const pooled = training ? null : (this.encoder.pooledEmissions?.(batch, mask, (x) => this.head.apply(x)) ?? null);
    if (pooled) return { ...pooled, mask };
    const hidden = this.encoder.encode(batch, mask, training); // [B, T, H]
    const features = this.dropout.apply(hidden, training).reshape<tf.Tensor2D>([B * T, this.hiddenDim]); // [B*T, H]
    const emissions = this.head.apply(features).reshape<tf.Tensor3D>([B, T, this.config.numLabels]); // [B, T, K]
    return { hidden, emissions, mask };
  }

  loss(batch: Batch, training: boolean): tf.Scalar {
    return tf.tidy(() => {
      const { hidden, emissions, mask } = this.forward(batch, training);
      const labels = tf.tensor2d(batch.labels, [batch.size, batch.maxLen], 'int32'); // [B, T]
      return this.objective.compute({ emissions, labels, mask, crf: this.crfScores(), hidden, batch });
    });
  }

  emissions(batch: Batch, training: boolean): tf.Tensor3D {
    return tf.tidy(() => this.forward(batch, training).emissions);
  }

  /**
   * The CRF scores training and decoding use: the learned ones with FORBIDDEN_SCORE added to the transitions the tag
   * scheme forbids (config.allowed). Null without a CRF. Call inside tf.tidy.
   */
  crfScores(): CrfParams | null {
    return this.crf ? constrainedScores(this.crf, this.config.allowed) : null;
  }

  /**
   * Emissions and the CRF scores decoding uses (crfScores: the constraints applied), read in one sync. The
   * playground and the error analysis read these; with core/decode/viterbi.ts decodePaths they give predict's paths.
   */
  async decodeScores(batch: Batch): Promise<DecodeScores> {
    const { size: B, maxLen: T } = batch;
    const K = this.config.numLabels;
    const flat = tf.tidy(() => {
      const parts: tf.Tensor[] = [this.forward(batch, false).emissions.reshape([B * T * K])];
      const crf = this.crfScores();
      if (crf) parts.push(crf.transitions.reshape([K * K]), crf.start, crf.end);
      return tf.concat(parts); // [B*T*K (+ K*K + 2K)]
    });
    const values = (await flat.data()) as Float32Array; // sync point: the one read per batch
    flat.dispose();
    let at = B * T * K;
    const take = (n: number) => values.subarray(at, (at += n));
    const emissions = values.subarray(0, at);
    return { B, T, K, emissions, crf: this.crf ? { transitions: take(K * K), start: take(K), end: take(K) } : null };
  }

  /**
   * Best label paths under the constrained CRF scores (argmax without a CRF). With a CRF this is the decoding op
   * (fused/viterbi.ts): Viterbi in one dispatch on webgpu; elsewhere decodePaths' Viterbi after one read.
   */
  async predict(batch: Batch): Promise<number[][]> {
    if (!this.crf) return decodePaths(await this.decodeScores(batch), batch.lengths);
    const [emissions, trans, start, end] = tf.tidy(() => {
      // Cloned: without constraints crfScores gives the CRF's own variables, which must outlive this call.
      const crf = this.crfScores()!;
      return [this.forward(batch, false).emissions, tf.clone(crf.transitions), tf.clone(crf.start), tf.clone(crf.end)] as const;
    });
    try {
      return await viterbiPaths(emissions, batch.lengths, trans, start, end);
    } finally {
      tf.dispose([emissions, trans, start, end]);
    }
  }

  namedVariables(): Map<string, tf.Variable> {
    return new Map(this.store.variables);
  }

  /** Every weight a checkpoint of this model holds, by name: the variables and the frozen weights kept outside them. */
  weightShapes(): Map<string, readonly number[]> {
    return new Map<string, readonly number[]>([...[...this.store.variables].map(([n, v]) => [n, v.shape] as const), ...[...this.store.frozen].map(([n, w]) => [n, w.shape] as const)]);
  }

  /** What an optimiser updates: every variable but a pretrained encoder's frozen ones. */
  trainableVariables(): Map<string, tf.Variable> {
    return new Map([...this.store.variables].filter(([, v]) => v.trainable));
  }

  /** The pretrained encoder, for the Hugging Face export; null for the other encoders. */
  get hfEncoder(): HfEncoder | null {
    return this.encoder instanceof PretrainedEncoder ? this.encoder.hf : null;
  }

  parameterCount(): number {
    let n = 0;
    for (const v of this.store.variables.values()) n += v.size;
    for (const w of this.store.frozen.values()) n += w.size;
    return n;
  }

  async exportWeights(): Promise<{ name: string; shape: number[]; data: Float32Array }[]> {
    const out: { name: string; shape: number[]; data: Float32Array }[] = [];
    for (const [name, v] of this.store.variables) {
      out.push({ name, shape: v.shape.slice(), data: (await v.data()) as Float32Array }); // sync point
    }
    for (const [name, w] of this.store.frozen) out.push({ name, shape: w.shape.slice(), data: await w.read() }); // sync point
    return out;
  }

  importWeights(weights: Map<string, { shape: number[]; data: Float32Array | Int32Array }>): void {
    // Check everything before assigning anything, so a bad checkpoint leaves the tagger as it was.
    const all: [string, { shape: readonly number[] }][] = [...this.store.variables, ...this.store.frozen];
    for (const [name, v] of all) {
      const w = weights.get(name);
      if (!w) throw new Error(`Checkpoint lacks tensor '${name}' (shape [${v.shape}])`);
      const size = w.shape.reduce((a, b) => a * b, 1);
      if (w.shape.length !== v.shape.length || w.shape.some((d, i) => d !== v.shape[i]) || size !== w.data.length) {
        throw new Error(`Tensor '${name}' has shape [${w.shape}] (${w.data.length} values) in the checkpoint, the model needs [${v.shape}]`);
      }
    }
    for (const name of weights.keys()) {
      if (!this.store.variables.has(name) && !this.store.frozen.has(name)) throw new Error(`Checkpoint tensor '${name}' does not belong to this model`);
    }
    const valuesOf = (name: string) => {
      const w = weights.get(name)!;
      return w.data instanceof Float32Array ? w.data : Float32Array.from(w.data);
    };
    for (const [name, v] of this.store.variables) tf.tidy(() => v.assign(tf.tensor(valuesOf(name), v.shape, 'float32')));
    for (const [name, w] of this.store.frozen) w.write(valuesOf(name));
  }

  dispose(): void {
    this.store.dispose();
  }
}
