/**
 * @file The BERT family's forward pass (Devlin et al. 2019): token, position and token-type
 * embeddings, then post-LayerNorm transformer layers; RoBERTa numbers positions after the padding id.
 */
import * as tf from '@tensorflow/tfjs';
import { attend, keyPaddingMask } from '../attention';
import type { BertSpec } from '../config';
import { checkLength, type ForwardContext, type ForwardPass } from '../forwardContext';
import { activation, dense, layerNorm } from '../ops';
import { embeddingNames, layerNames } from './params';

const stem = (name: string) => name.replace(/\.weight$/, '');

export function bertForward(spec: BertSpec, ctx: ForwardContext): ForwardPass {
  const names = embeddingNames(spec);
  const layers = Array.from({ length: spec.numLayers }, (_, i) => layerNames(spec, i));
  const norm = (x: tf.Tensor, n: { weight: string; bias: string }) => layerNorm(x, ctx.weight(n.weight), ctx.weight(n.bias), spec.layerNormEps);
  return (inputs, training) => {
    const [B, T] = inputs.inputIds.shape;
    checkLength(T, spec.maxTokens);
    const H = spec.hiddenSize;
    const drop = <X extends tf.Tensor>(x: X, rate = spec.hiddenDropout) => ctx.dropout(x, rate, training);
    let x = tf.gather(ctx.weight(names.word), inputs.inputIds.reshape([B * T])).reshape([B, T, H]) as tf.Tensor; // [B, T, H]
    x = tf.add(x, positionEmbeddings(spec, ctx.weight(names.position), inputs.inputIds)); // + [T, H] or [B, T, H]
    if (names.tokenType) {
      const table = ctx.weight(names.tokenType);
      const types = inputs.tokenTypeIds
        ? tf.gather(table, inputs.tokenTypeIds.reshape([B * T])).reshape([B, T, H]) // [B, T, H]
        : tf.slice(table, [0, 0], [1, H]); // [1, H]: type 0 everywhere
      x = tf.add(x, types);
    }
    let h = drop(norm(x, names.norm)).reshape([B * T, H]) as tf.Tensor2D; // [B*T, H]
    const mask = keyPaddingMask(inputs.attentionMask); // [B, 1, 1, T]
    const shape = { B, T, numHeads: spec.numHeads, numKvHeads: spec.numHeads, headDim: spec.headDim };
    for (const l of layers) {
      const linear = (n: { weight: string }) => ctx.linear(stem(n.weight));
      const context = attend(dense(h, linear(l.query)), dense(h, linear(l.key)), dense(h, linear(l.value)), shape, mask, (p) => drop(p, spec.attentionDropout));
      const h1 = norm(tf.add(drop(dense(context, linear(l.attentionOutput))), h), l.attentionNorm) as tf.Tensor2D;
      const inner = activation(dense(h1, linear(l.intermediate)), spec.activation) as tf.Tensor2D; // [B*T, I]
      h = norm(tf.add(drop(dense(inner, linear(l.output))), h1), l.outputNorm) as tf.Tensor2D;
    }
    return h.reshape([B, T, H]) as tf.Tensor3D;
  };
}

function positionEmbeddings(spec: BertSpec, table: tf.Tensor, inputIds: tf.Tensor2D): tf.Tensor {
  const [B, T] = inputIds.shape;
  if (spec.positionOffset === 0) return tf.gather(table, tf.range(0, T, 1, 'int32')); // [T, H]
  // RoBERTa numbers the non-padding tokens from padTokenId + 1; padding sits at padTokenId.
  const pad = spec.padTokenId;
  const real = tf.cast(tf.notEqual(inputIds, pad), 'float32'); // [B, T]
  const positions = tf.cast(tf.add(tf.mul(tf.cumsum(real, 1), real), pad), 'int32'); // [B, T]
  return tf.gather(table, positions.reshape([B * T])).reshape([B, T, spec.hiddenSize]); // [B, T, H]
}
