/**
 * @file A pretrained BERT-family encoder (BERT, DistilBERT, RoBERTa, XLM-RoBERTa) in tfjs: token,
 * position and token-type embeddings, then post-LayerNorm transformer layers (Devlin et al.
 * 2019), weights loaded from a Hugging Face checkpoint and held as tf.Variables under their HF
 * names. What trains is chosen here: everything, nothing, the top N layers, or LoRA adapters.
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../../core/rng';
import type { WeightData } from './checkpoint';
import type { EncoderSpec } from './config';
import { activation, batchMatMul, dense, layerNorm, seededDropout, type Dense } from './ops';
import { embeddingNames, encoderParams, layerNames, type LayerNames, type LinearNames } from './paramNames';

export type LoraTarget = 'query' | 'key' | 'value' | 'attentionOutput';

/** Which of the encoder's weights train; a task head on top always trains. */
export type EncoderTraining =
  | { mode: 'full' }
  | { mode: 'frozen' }
  /** The top `layers` transformer layers; the embeddings and lower layers stay fixed. */
  | { mode: 'top'; layers: number }
  /** Low-rank adapters on the attention projections (query and value by default); the rest fixed. */
  | { mode: 'lora'; rank: number; alpha: number; targets?: LoraTarget[] };

export interface EncoderOptions {
  training?: EncoderTraining;
  /** Seeds the LoRA initialisation and the dropout masks. */
  seed?: number;
}

export interface EncoderInputs {
  inputIds: tf.Tensor2D; // [B, T] int32
  attentionMask: tf.Tensor2D; // [B, T] 1 for tokens, 0 for padding
  tokenTypeIds?: tf.Tensor2D; // [B, T] int32; zeros when absent
}

interface LayerParams {
  query: Dense;
  key: Dense;
  value: Dense;
  attentionOutput: Dense;
  attentionNorm: [tf.Variable, tf.Variable];
  intermediate: Dense;
  output: Dense;
  outputNorm: [tf.Variable, tf.Variable];
}

/** A score the softmax turns into exactly zero: padding keys get it added. */
const MASKED = -1e9;

export class HfEncoder {
  readonly spec: EncoderSpec;
  /** Base weights under their HF names; dense weights transposed to [in, out]. */
  readonly variables = new Map<string, tf.Variable>();
  /** LoRA adapters by the HF name of the dense layer they adapt ('bert.encoder.layer.0.attention.self.query'). */
  readonly adapters = new Map<string, { a: tf.Variable; b: tf.Variable; scale: number }>();
  private readonly layers: LayerParams[] = [];
  private readonly dropoutRng: () => number;

  /** encoderWeights null: zeros, for a model whose weights are assigned next (a saved tagger being loaded). */
  constructor(checkpoint: { spec: EncoderSpec; encoderWeights: ReadonlyMap<string, WeightData> | null }, options: EncoderOptions = {}) {
    const spec = (this.spec = checkpoint.spec);
    const training = options.training ?? { mode: 'full' };
    checkTraining(training, spec);
    const seed = options.seed ?? 0;
    this.dropoutRng = makeRng((seed ^ 0x5bd1e995) >>> 0);
    const firstTrained = training.mode === 'top' ? spec.numLayers - training.layers : training.mode === 'full' ? -1 : Infinity;
    for (const p of encoderParams(spec)) {
      const w = checkpoint.encoderWeights?.get(p.name);
      if (checkpoint.encoderWeights && !w) throw new Error(`Encoder weights lack '${p.name}'`);
      const shape = p.kind === 'linear' ? [p.hfShape[1], p.hfShape[0]] : p.hfShape; // ours: dense weights [in, out]
      const initial = !w ? tf.zeros(shape) : p.kind === 'linear' ? tf.tensor2d(transpose(w.data, p.hfShape[0], p.hfShape[1]), [shape[0], shape[1]]) : tf.tensor(w.data, shape);
      this.variables.set(p.name, tf.variable(initial, p.layer >= firstTrained));
      initial.dispose();
    }
    for (let i = 0; i < spec.numLayers; i++) this.layers.push(this.layerParams(layerNames(spec, i)));
    if (training.mode === 'lora') this.addAdapters(training, makeRng(seed));
  }

  /** [B, T] ids -> [B, T, H] last hidden states. */
  forward(inputs: EncoderInputs, training: boolean): tf.Tensor3D {
    return tf.tidy(() => {
      const { spec } = this;
      const [B, T] = inputs.inputIds.shape;
      if (T > spec.maxTokens) throw new Error(`Input of ${T} tokens is longer than the model's limit of ${spec.maxTokens}`);
      const H = spec.hiddenSize;
      const names = embeddingNames(spec);
      const flatIds = inputs.inputIds.reshape([B * T]); // [B*T]
      let x = tf.gather(this.v(names.word), flatIds).reshape([B, T, H]) as tf.Tensor; // [B, T, H]
      x = tf.add(x, this.positionEmbeddings(inputs.inputIds)); // + [T, H] or [B, T, H]
      if (names.tokenType) {
        const table = this.v(names.tokenType);
        const types = inputs.tokenTypeIds
          ? tf.gather(table, inputs.tokenTypeIds.reshape([B * T])).reshape([B, T, H]) // [B, T, H]
          : tf.slice(table, [0, 0], [1, H]); // [1, H]: type 0 everywhere
        x = tf.add(x, types);
      }
      x = layerNorm(x, this.v(names.norm.weight), this.v(names.norm.bias), spec.layerNormEps);
      let h = seededDropout(x, spec.hiddenDropout, training, this.dropoutRng).reshape([B * T, H]) as tf.Tensor2D; // [B*T, H]
      const keyMask = tf.mul(tf.sub(1, tf.cast(inputs.attentionMask, 'float32')), MASKED).reshape([B, 1, 1, T]); // [B, 1, 1, T]
      for (const layer of this.layers) h = this.transformerLayer(h, layer, keyMask, B, T, training);
      return h.reshape([B, T, H]) as tf.Tensor3D;
    });
  }

  /** The variables an optimiser should update. */
  trainableVariables(): tf.Variable[] {
    const adapters = [...this.adapters.values()].flatMap(({ a, b }) => [a, b]);
    return [...this.variables.values(), ...adapters].filter((v) => v.trainable);
  }

  parameterCounts(): { total: number; trainable: number } {
    const all = [...this.variables.values(), ...[...this.adapters.values()].flatMap(({ a, b }) => [a, b])];
    return {
      total: all.reduce((n, v) => n + v.size, 0),
      trainable: this.trainableVariables().reduce((n, v) => n + v.size, 0),
    };
  }

  /** Weights in the Hugging Face layout (dense weights [out, in]), LoRA adapters merged in. */
  async exportWeights(): Promise<Map<string, WeightData>> {
    const out = new Map<string, WeightData>();
    for (const p of encoderParams(this.spec)) {
      const v = this.v(p.name);
      const adapter = this.adapters.get(p.name.replace(/\.weight$/, ''));
      const t = tf.tidy(() => {
        if (p.kind !== 'linear') return v.clone();
        const merged = adapter ? tf.add(v, tf.mul(tf.matMul(adapter.a, adapter.b), adapter.scale)) : v;
        return tf.transpose(merged); // [in, out] -> [out, in]
      });
      const data = (await t.data()) as Float32Array; // sync point: one read per tensor
      t.dispose();
      out.set(p.name, { shape: p.hfShape.slice(), data });
    }
    return out;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    for (const { a, b } of this.adapters.values()) tf.dispose([a, b]);
    this.variables.clear();
    this.adapters.clear();
  }

  private transformerLayer(h: tf.Tensor2D, p: LayerParams, keyMask: tf.Tensor, B: number, T: number, training: boolean): tf.Tensor2D {
    const { spec } = this;
    const H = spec.hiddenSize;
    const nh = spec.numHeads;
    const d = H / nh;
    const rate = spec.attentionDropout;
    const heads = (t: tf.Tensor2D) => t.reshape([B, T, nh, d]).transpose([0, 2, 1, 3]).reshape([B * nh, T, d]) as tf.Tensor3D; // [B*nh, T, d]
    const q = heads(dense(h, p.query));
    const kT = dense(h, p.key).reshape([B, T, nh, d]).transpose([0, 2, 3, 1]).reshape([B * nh, d, T]) as tf.Tensor3D; // [B*nh, d, T]
    const v = heads(dense(h, p.value));
    const scores = tf.add(tf.mul(batchMatMul(q, kT), 1 / Math.sqrt(d)).reshape([B, nh, T, T]), keyMask); // [B, nh, T, T]
    const probs = seededDropout(tf.softmax(scores, -1), rate, training, this.dropoutRng).reshape([B * nh, T, T]) as tf.Tensor3D;
    const context = batchMatMul(probs, v).reshape([B, nh, T, d]).transpose([0, 2, 1, 3]).reshape([B * T, H]) as tf.Tensor2D; // [B*T, H]
    const attended = seededDropout(dense(context, p.attentionOutput), spec.hiddenDropout, training, this.dropoutRng);
    const h1 = layerNorm(tf.add(attended, h), ...p.attentionNorm, spec.layerNormEps) as tf.Tensor2D;
    const inner = activation(dense(h1, p.intermediate), spec.activation) as tf.Tensor2D; // [B*T, I]
    const ffn = seededDropout(dense(inner, p.output), spec.hiddenDropout, training, this.dropoutRng);
    return layerNorm(tf.add(ffn, h1), ...p.outputNorm, spec.layerNormEps) as tf.Tensor2D;
  }

  private positionEmbeddings(inputIds: tf.Tensor2D): tf.Tensor {
    const table = this.v(embeddingNames(this.spec).position);
    const [B, T] = inputIds.shape;
    if (this.spec.positionOffset === 0) return tf.gather(table, tf.range(0, T, 1, 'int32')); // [T, H]
    // RoBERTa numbers the non-padding tokens from padTokenId + 1; padding sits at padTokenId.
    const pad = this.spec.padTokenId;
    const real = tf.cast(tf.notEqual(inputIds, pad), 'float32'); // [B, T]
    const positions = tf.cast(tf.add(tf.mul(tf.cumsum(real, 1), real), pad), 'int32'); // [B, T]
    return tf.gather(table, positions.reshape([B * T])).reshape([B, T, this.spec.hiddenSize]); // [B, T, H]
  }

  private layerParams(n: LayerNames): LayerParams {
    const linear = (names: LinearNames): Dense => ({ weight: this.v(names.weight), bias: this.v(names.bias) });
    return {
      query: linear(n.query),
      key: linear(n.key),
      value: linear(n.value),
      attentionOutput: linear(n.attentionOutput),
      attentionNorm: [this.v(n.attentionNorm.weight), this.v(n.attentionNorm.bias)],
      intermediate: linear(n.intermediate),
      output: linear(n.output),
      outputNorm: [this.v(n.outputNorm.weight), this.v(n.outputNorm.bias)],
    };
  }

  /** A uniform in +-1/sqrt(in) (PEFT's kaiming_uniform(a=sqrt(5))), B zero: the model starts unchanged. */
  private addAdapters(lora: { rank: number; alpha: number; targets?: LoraTarget[] }, rng: () => number): void {
    const targets = lora.targets ?? ['query', 'value'];
    this.layers.forEach((layer, i) => {
      const names = layerNames(this.spec, i);
      for (const target of targets) {
        const { weight } = layer[target];
        const [inDim, outDim] = weight.shape;
        const limit = 1 / Math.sqrt(inDim);
        const a = tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from({ length: inDim * lora.rank }, () => (rng() * 2 - 1) * limit), [inDim, lora.rank]), true));
        const b = tf.tidy(() => tf.variable(tf.zeros([lora.rank, outDim]), true));
        const adapter = { a, b, scale: lora.alpha / lora.rank };
        layer[target].lora = adapter;
        this.adapters.set(names[target].weight.replace(/\.weight$/, ''), adapter);
      }
    });
  }

  private v(name: string): tf.Variable {
    const v = this.variables.get(name);
    if (!v) throw new Error(`No encoder parameter '${name}'`);
    return v;
  }
}

function checkTraining(t: EncoderTraining, spec: EncoderSpec): void {
  if (t.mode === 'top' && !(Number.isInteger(t.layers) && t.layers >= 0 && t.layers <= spec.numLayers)) {
    throw new Error(`Train the top N layers: N must be 0 to ${spec.numLayers}, got ${t.layers}`);
  }
  if (t.mode === 'lora') {
    if (!(Number.isInteger(t.rank) && t.rank >= 1)) throw new Error(`LoRA rank must be a positive integer, got ${t.rank}`);
    if (!(t.alpha > 0)) throw new Error(`LoRA alpha must be positive, got ${t.alpha}`);
  }
}

/** [rows, cols] row-major -> [cols, rows]. */
function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}
