/**
 * @file A pretrained Hugging Face encoder in tfjs, whatever its architecture: the weights loaded
 * from a checkpoint and held as tf.Variables under their HF names, the architecture's forward pass
 * (bert/, llama/, modernbert/, deberta/ forward.ts) run over them, and what trains chosen here:
 * everything, nothing, the top N layers, or LoRA adapters on the attention (and optionally the MLP).
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng, normal } from '../../core/rng';
import { bertForward } from './bert/forward';
import type { WeightData } from './checkpoint';
import type { EncoderSpec } from './config';
import { debertaForward } from './deberta/forward';
import type { DecoderAttention, EncoderInputs, ForwardContext, ForwardPass } from './forwardContext';
import { decoderForward } from './llama/forward';
import { modernBertForward } from './modernbert/forward';
import { HalfWeight } from './halfWeights';
import type { Dense, LoraAdapter } from './ops';
import { seededDropout } from '../layers/dropout';
import { encoderParams, type ParamEntry } from './paramNames';
import { checkTraining, paramAdapted, paramTrains, type EncoderTraining, type LoraTarget } from './training';

export type { EncoderTraining, LoraTarget } from './training';

export type { EncoderInputs } from './forwardContext';

export interface EncoderOptions {
  training?: EncoderTraining;
  /** Seeds the LoRA initialisation, a missing head's initialisation, and the dropout masks. */
  seed?: number;
  /** Decoders only: causal attention (the default) or the causal mask lifted. */
  attention?: DecoderAttention;
  /** Keep the dense weights that do not train in half precision (halfWeights.ts); float32 arithmetic all the same. */
  halfPrecision?: boolean;
}

export class HfEncoder {
  readonly spec: EncoderSpec;
  /** Base weights under their HF names; dense weights transposed to [in, out]. */
  readonly variables = new Map<string, tf.Variable>();
  /** Frozen dense weights kept in half precision instead of variables, under their HF names. */
  readonly halves = new Map<string, HalfWeight>();
  /** LoRA adapters by the HF name of the dense layer they adapt ('model.layers.0.self_attn.q_proj'). */
  readonly adapters = new Map<string, LoraAdapter>();
  private readonly forwardPass: ForwardPass;

  /** encoderWeights null: zeros, for a model whose weights are assigned next (a saved tagger being loaded). */
  constructor(checkpoint: { spec: EncoderSpec; encoderWeights: ReadonlyMap<string, WeightData> | null }, options: EncoderOptions = {}) {
    const spec = (this.spec = checkpoint.spec);
    const training = options.training ?? { mode: 'full' };
    checkTraining(training, spec);
    const seed = options.seed ?? 0;
    const dropoutRng = makeRng((seed ^ 0x5bd1e995) >>> 0);
    const initRng = makeRng((seed ^ 0x2545f491) >>> 0);
    for (const p of encoderParams(spec)) {
      const w = checkpoint.encoderWeights?.get(p.name);
      if (checkpoint.encoderWeights && !w && !p.head) throw new Error(`Encoder weights lack '${p.name}'`);
      const shape = p.kind === 'linear' ? [p.hfShape[1], p.hfShape[0]] : p.hfShape; // ours: dense weights [in, out]
      const trains = paramTrains(p, training, spec.numLayers);
      if (options.halfPrecision && p.kind === 'linear' && !trains) {
        const values = w ? transpose(w.data, p.hfShape[0], p.hfShape[1]) : new Float32Array(shape[0] * shape[1]);
        this.halves.set(p.name, new HalfWeight(values, [shape[0], shape[1]]));
        continue;
      }
      const initial = tf.tidy(() => {
        if (!w) return checkpoint.encoderWeights ? initialHead(p, shape, initRng) : tf.zeros(shape);
        return p.kind === 'linear' ? tf.tensor2d(transpose(w.data, p.hfShape[0], p.hfShape[1]), [shape[0], shape[1]]) : tf.tensor(w.data, shape);
      });
      this.variables.set(p.name, tf.variable(initial, trains));
      initial.dispose();
    }
    if (training.mode === 'lora') this.addAdapters(training, makeRng(seed));
    const ctx: ForwardContext = {
      weight: (name) => this.v(name),
      linear: (prefix) => this.linear(prefix),
      dropout: (x, rate, train) => seededDropout(x, rate, train, dropoutRng),
      attention: options.attention ?? 'causal',
    };
    this.forwardPass = forwardFor(spec, ctx);
  }

  /** [B, T] ids -> [B, T, H]: the states a token classifier reads (after ModernBERT's prediction head). */
  forward(inputs: EncoderInputs, training: boolean): tf.Tensor3D {
    return tf.tidy(() => this.forwardPass(inputs, training));
  }

  /** The variables an optimiser should update. */
  trainableVariables(): tf.Variable[] {
    const adapters = [...this.adapters.values()].flatMap(({ a, b }) => [a, b]);
    return [...this.variables.values(), ...adapters].filter((v) => v.trainable);
  }

  parameterCounts(): { total: number; trainable: number } {
    const all = [...this.variables.values(), ...this.halves.values(), ...[...this.adapters.values()].flatMap(({ a, b }) => [a, b])];
    return {
      total: all.reduce((n, v) => n + v.size, 0),
      trainable: this.trainableVariables().reduce((n, v) => n + v.size, 0),
    };
  }

  /** Weights in the Hugging Face layout (dense weights [out, in]), LoRA adapters merged in. */
  async exportWeights(): Promise<Map<string, WeightData>> {
    const out = new Map<string, WeightData>();
    for (const p of encoderParams(this.spec)) {
      const half = this.halves.get(p.name);
      const v = half ? half.expand() : this.v(p.name);
      const adapter = this.adapters.get(p.name.replace(/\.weight$/, ''));
      const t = tf.tidy(() => {
        if (p.kind !== 'linear') return v.clone();
        const merged = adapter ? tf.add(v, tf.mul(tf.matMul(adapter.a, adapter.b), adapter.scale)) : v;
        return tf.transpose(merged); // [in, out] -> [out, in]
      });
      if (half) v.dispose();
      const data = (await t.data()) as Float32Array; // sync point: one read per tensor
      t.dispose();
      out.set(p.name, { shape: p.hfShape.slice(), data });
    }
    return out;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    for (const w of this.halves.values()) w.dispose();
    for (const { a, b } of this.adapters.values()) tf.dispose([a, b]);
    this.variables.clear();
    this.halves.clear();
    this.adapters.clear();
  }

  private linear(prefix: string): Dense {
    const bias = this.variables.get(`${prefix}.bias`) ?? null;
    const lora = this.adapters.get(prefix);
    const weight = this.halves.get(`${prefix}.weight`) ?? this.v(`${prefix}.weight`);
    return { weight, bias, ...(lora ? { lora } : {}) };
  }

  /** A uniform in +-1/sqrt(in) (PEFT's kaiming_uniform(a=sqrt(5))), B zero: the model starts unchanged. */
  private addAdapters(lora: { rank: number; alpha: number; targets?: LoraTarget[] }, rng: () => number): void {
    for (const p of encoderParams(this.spec)) {
      if (!paramAdapted(p, { mode: 'lora', ...lora })) continue;
      const [outDim, inDim] = p.hfShape;
      const limit = 1 / Math.sqrt(inDim);
      const a = tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from({ length: inDim * lora.rank }, () => (rng() * 2 - 1) * limit), [inDim, lora.rank]), true));
      const b = tf.tidy(() => tf.variable(tf.zeros([lora.rank, outDim]), true));
      this.adapters.set(p.name.replace(/\.weight$/, ''), { a, b, scale: lora.alpha / lora.rank });
    }
  }

  private v(name: string): tf.Variable {
    const v = this.variables.get(name);
    if (!v) throw new Error(`No encoder parameter '${name}'`);
    return v;
  }
}

function forwardFor(spec: EncoderSpec, ctx: ForwardContext): ForwardPass {
  switch (spec.architecture) {
    case 'bert':
      return bertForward(spec, ctx);
    case 'decoder':
      return decoderForward(spec, ctx);
    case 'modernbert':
      return modernBertForward(spec, ctx);
    case 'deberta':
      return debertaForward(spec, ctx);
    default:
      return spec satisfies never;
  }
}

/** A head weight the checkpoint lacks, as transformers initialises it: normal(0, 0.02), norms 1, biases 0. */
function initialHead(p: ParamEntry, shape: number[], rng: () => number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (p.head?.init === 'ones') return tf.ones(shape);
  if (p.head?.init === 'normal') return tf.tensor(Float32Array.from({ length: size }, () => 0.02 * normal(rng)), shape);
  return tf.zeros(shape);
}

/** [rows, cols] row-major -> [cols, rows]. */
function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}
