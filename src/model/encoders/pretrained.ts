/**
 * @file A pretrained Hugging Face model (BERT family, Llama-style decoders, ModernBERT, DeBERTa)
 * behind the tagger's encoder interface. It runs over the batch's subword windows (core/subwords.ts)
 * and gathers each position's first piece, so heads, losses and the CRF stay word-level. A decoder
 * reads both sides of a word with its causal mask lifted, or as the average of a pass over the
 * sentence and one over its words reversed ('sentence+reverse'). Its weights join the tagger's
 * store under their Hugging Face names ('bert.encoder.layer.0.attention.self.query.weight', dense
 * weights [in, out]); LoRA adapters as '<layer>.lora_A.weight' [in, r] and '.lora_B.weight' [r, out].
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import type { DecoderContext } from '../../core/config/config';
import type { SubwordBatch } from '../../core/dataset/subwords';
import { HfEncoder } from '../hf/encoder';
import type { Encoder, EncoderContext } from './index';

export type PieceAggregation = 'first' | 'average' | 'max';

/** A score no real piece has, for 'max' over padded piece slots. */
const NEVER = -1e9;

export class PretrainedEncoder implements Encoder {
  readonly hf: HfEncoder;
  readonly outputDim: number;
  private readonly aggregation: PieceAggregation;
  /** Decoders only; encoders attend to both sides anyway. */
  private readonly context: DecoderContext | null;

  constructor({ config, store, rng, pretrained }: EncoderContext) {
    if (!pretrained || !config.pretrained) throw new Error('The pretrained encoder needs its checkpoint and settings (TaggerInit.pretrained, TaggerConfig.pretrained)');
    this.context = pretrained.spec.causal ? (config.pretrained.decoderContext ?? 'bidirectional') : null;
    const attention = this.context === 'bidirectional' ? 'bidirectional' : 'causal';
    const { training, halfPrecision } = config.pretrained;
    this.hf = new HfEncoder(pretrained, { training, seed: Math.floor(rng() * 2 ** 31), attention, halfPrecision });
    for (const [name, v] of this.hf.variables) store.adopt(name, v);
    for (const [name, w] of this.hf.halves) store.adoptFrozen(name, w);
    for (const [name, { a, b }] of this.hf.adapters) {
      store.adopt(`${name}.lora_A.weight`, a);
      store.adopt(`${name}.lora_B.weight`, b);
    }
    this.outputDim = this.hf.spec.hiddenSize;
    this.aggregation = config.pretrained.aggregation;
  }

  /** -> [B, T, H]: each position's first piece, zeros at padding. */
  encode(batch: Batch, mask: tf.Tensor2D, training: boolean): tf.Tensor3D {
    const { size: B, maxLen: T } = batch;
    const states = this.pieceStates(batch, training); // [W*S, H]
    return tf.mul(this.toPositions(states, batch, 'first'), mask.reshape([B, T, 1]));
  }

  /**
   * Prediction with 'average' or 'max' aggregation: every piece's emissions, pooled per position
   * (transformers' aggregation_strategy). Null for 'first', where the states are gathered first.
   */
  pooledEmissions(batch: Batch, mask: tf.Tensor2D, head: (states: tf.Tensor2D) => tf.Tensor2D): { hidden: tf.Tensor3D; emissions: tf.Tensor3D } | null {
    if (this.aggregation === 'first') return null;
    const { size: B, maxLen: T } = batch;
    const states = this.pieceStates(batch, false); // [W*S, H]
    const hidden = tf.mul(this.toPositions(states, batch, 'first'), mask.reshape([B, T, 1])) as tf.Tensor3D;
    const emissions = this.toPositions(head(states), batch, this.aggregation); // [W*S, K] -> [B, T, K]
    return { hidden, emissions };
  }

  /** -> [W*S, H], the last hidden state of every token of every window. */
  private pieceStates(batch: Batch, training: boolean): tf.Tensor2D {
    const sub = subwordsOf(batch);
    const [W, S, H] = [sub.windows, sub.length, this.outputDim];
    const inputIds = tf.tensor2d(sub.inputIds, [W, S], 'int32'); // [W, S]
    const attentionMask = tf.tensor2d(sub.attentionMask, [W, S]); // [W, S]
    const forward = this.hf.forward({ inputIds, attentionMask }, training).reshape([W * S, H]) as tf.Tensor2D;
    if (this.context !== 'sentence+reverse') return forward;
    // The same windows with their words backwards; each token's state is put back where the token
    // stands in the sentence, and averaged with its state from the forward reading.
    if (!sub.reverseIndex) throw new Error("'sentence+reverse' needs the windows' reversed word order (tokenize/sentencePieces.ts)");
    const order = sub.reverseIndex;
    const back = new Int32Array(order.length);
    order.forEach((from, k) => (back[from] = k));
    const reversedIds = tf.gather(inputIds.reshape([W * S]), tf.tensor1d(order, 'int32')).reshape([W, S]) as tf.Tensor2D;
    const reversed = this.hf.forward({ inputIds: reversedIds, attentionMask }, training).reshape([W * S, H]);
    return tf.mul(tf.add(forward, tf.gather(reversed, tf.tensor1d(back, 'int32'))), 0.5) as tf.Tensor2D;
  }

  /** values [W*S, X] -> [B, T, X] per position: its first piece, or the average / max over its pieces. */
  private toPositions(values: tf.Tensor2D, batch: Batch, mode: PieceAggregation): tf.Tensor3D {
    const { size: B, maxLen: T } = batch;
    const sub = subwordsOf(batch);
    const P = sub.pieces;
    const X = values.shape[1];
    if (mode === 'first') {
      const first = Int32Array.from({ length: B * T }, (_, i) => sub.pieceIndex[i * P]);
      return tf.gather(values, tf.tensor1d(first, 'int32')).reshape([B, T, X]); // [B, T, X]
    }
    const pieces = tf.gather(values, tf.tensor1d(sub.pieceIndex, 'int32')).reshape([B * T, P, X]); // [B*T, P, X]
    const pieceMask = tf.tensor3d(sub.pieceMask, [B * T, P, 1]); // [B*T, P, 1]
    if (mode === 'average') {
      const count = tf.maximum(tf.sum(pieceMask, 1), 1); // [B*T, 1]
      return tf.div(tf.sum(tf.mul(pieces, pieceMask), 1), count).reshape([B, T, X]);
    }
    const any = tf.minimum(tf.sum(pieceMask, 1), 1); // [B*T, 1]: 0 at padded positions
    const best = tf.max(tf.add(pieces, tf.mul(tf.sub(1, pieceMask), NEVER)), 1); // [B*T, X]
    return tf.mul(best, any).reshape([B, T, X]);
  }
}

function subwordsOf(batch: Batch): SubwordBatch {
  if (!batch.subwords) throw new Error('The pretrained encoder needs subword windows in the batch: encode the sentences with the checkpoint tokenizer first');
  return batch.subwords;
}
