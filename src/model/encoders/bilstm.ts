/**
 * @file The BiLSTM-CNN encoder (Ma & Hovy 2016; Lample et al. 2016): word embeddings and char CNN features, dropout,
 * then one or two BiLSTMs with dropout between them. Variable names are those of checkpoints saved before encoders
 * were selectable ('bilstm.fw.kernel' ...); a second layer adds 'bilstm2.*'.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../core/dataset/batch';
import { BiLstm } from '../layers/bilstm';
import type { SeededDropout } from '../layers/dropout';
import { TokenFeatures } from '../layers/tokenFeatures';
import type { Encoder, EncoderContext } from './index';

export class BiLstmEncoder implements Encoder {
  readonly features: TokenFeatures;
  readonly layers: BiLstm[];
  readonly outputDim: number;
  private readonly dropout: SeededDropout;

  constructor({ config: c, store, rng, dropout, wordVectors }: EncoderContext) {
    this.features = new TokenFeatures(store, c, rng, wordVectors);
    this.layers = [new BiLstm(store, this.features.dim, c.hidden, rng)];
    for (let l = 2; l <= c.lstmLayers; l++) this.layers.push(new BiLstm(store, 2 * c.hidden, c.hidden, rng, `bilstm${l}`));
    this.outputDim = 2 * c.hidden;
    this.dropout = dropout;
  }

  /** -> [B, T, 2H]: forward then backward states of the last layer. Draws lstmLayers dropout masks when training. */
  encode(batch: Batch, mask: tf.Tensor2D, training: boolean): tf.Tensor3D {
    let x = this.features.apply(batch); // [B, T, wordDim + charFilters]
    for (const layer of this.layers) x = layer.run(this.dropout.apply(x, training), mask); // [B, T, 2H]
    return x;
  }
}
