/**
 * @file A transformer encoder trained from scratch: word embeddings and char CNN features projected to the model
 * width, positions added (sinusoidal or learned), dropout, `transformerLayers` pre-LN blocks whose attention never
 * looks at padding, and a final layer norm. Shapes: tokens [B, T, wordDim + charFilters] -> [B*T, D] inside the
 * blocks (D = modelDim) -> hidden [B, T, D], zeros at padded positions.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import { keyBias } from '../layers/attention';
import type { SeededDropout } from '../layers/dropout';
import { LayerNorm } from '../layers/layerNorm';
import { Linear } from '../layers/linear';
import { LearnedPositions, SinusoidalPositions, type Positions } from '../layers/positions';
import { TokenFeatures } from '../layers/tokenFeatures';
import { TransformerBlock } from '../layers/transformerBlock';
import type { Encoder, EncoderContext } from './index';

export class TransformerEncoder implements Encoder {
  readonly features: TokenFeatures;
  readonly input: Linear; // [wordDim + charFilters, D]
  readonly positions: Positions;
  readonly blocks: TransformerBlock[];
  readonly finalNorm: LayerNorm;
  readonly outputDim: number;
  private readonly dropout: SeededDropout;

  constructor({ config: c, store, rng, dropout, wordVectors }: EncoderContext) {
    const D = c.modelDim;
    this.features = new TokenFeatures(store, c, rng, wordVectors);
    this.input = new Linear(store, 'transformer.input', this.features.dim, D, rng);
    this.positions = c.positional === 'learned' ? new LearnedPositions(store, 'transformer.positions', c.maxPositions, D, rng) : new SinusoidalPositions(D);
    this.blocks = Array.from({ length: c.transformerLayers }, (_, l) => new TransformerBlock(store, `transformer.layer${l}`, D, c.heads, c.ffnDim, rng));
    this.finalNorm = new LayerNorm(store, 'transformer.final_norm', D);
    this.outputDim = D;
    this.dropout = dropout;
  }

  /** -> [B, T, D]. Draws 1 + 2 * transformerLayers dropout masks when training. */
  encode(batch: Batch, mask: tf.Tensor2D, training: boolean): tf.Tensor3D {
    const { size: B, maxLen: T } = batch;
    const D = this.outputDim;
    const tokens = this.features.apply(batch).reshape<tf.Tensor2D>([B * T, this.features.dim]); // [B*T, F]
    const projected = this.input.apply(tokens).reshape<tf.Tensor3D>([B, T, D]); // [B, T, D]
    const placed = tf.add(projected, this.positions.apply(T).reshape([1, T, D])); // [B, T, D]
    let x = this.dropout.apply(placed, training).reshape<tf.Tensor2D>([B * T, D]); // [B*T, D]
    const bias = keyBias(mask); // [B, 1, 1, T]
    for (const block of this.blocks) x = block.apply(x, bias, B, T, this.dropout, training);
    const out = this.finalNorm.apply(x).reshape<tf.Tensor3D>([B, T, D]); // [B, T, D]
    return tf.mul(out, mask.reshape([B, T, 1]));
  }
}
