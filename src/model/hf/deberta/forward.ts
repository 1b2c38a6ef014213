/**
 * @file DeBERTa-v2/v3's forward pass (He et al. 2021): word embeddings (v2 adds absolute
 * positions), a LayerNorm, then post-LayerNorm layers whose attention score for query i and key j
 * is content-to-content q_i.k_j plus content-to-position q_i.K_r(i-j) plus position-to-content
 * k_j.Q_r(i-j), over shared relative embeddings projected by each layer's own query and key
 * projections, all divided by sqrt(d * (1 + number of position terms)).
 */
import * as tf from '@tensorflow/tfjs';
import { keyPaddingMask } from '../attention';
import type { DebertaSpec } from '../config';
import { checkLength, type ForwardContext, type ForwardPass } from '../forwardContext';
import { activation, batchMatMul, dense, layerNorm } from '../ops';
import { debertaLayerPrefix } from './params';
import { gatherIndices, relativeIndex } from './relativePositions';

export function debertaForward(spec: DebertaSpec, ctx: ForwardContext): ForwardPass {
  const { hiddenSize: H, numHeads: nh, headDim: d, relative } = spec;
  const A = nh * d;
  const norm = (x: tf.Tensor, prefix: string) => layerNorm(x, ctx.weight(`${prefix}.weight`), ctx.weight(`${prefix}.bias`), spec.layerNormEps) as tf.Tensor2D;
  const positionTerms = (relative ? Number(spec.contentToPosition) + Number(spec.positionToContent) : 0);
  // transformers counts the position terms named in the config even without relative attention.
  const scale = 1 / Math.sqrt(d * (1 + Number(spec.contentToPosition) + Number(spec.positionToContent)));
  const indexCache = new Map<number, Int32Array>();
  return (inputs, training) => {
    const [B, T] = inputs.inputIds.shape;
    checkLength(T, spec.maxTokens);
    const drop = <X extends tf.Tensor>(x: X, rate = spec.hiddenDropout) => ctx.dropout(x, rate, training);
    const E = spec.embeddingSize;
    let x = tf.gather(ctx.weight('deberta.embeddings.word_embeddings.weight'), inputs.inputIds.reshape([B * T])) as tf.Tensor2D; // [B*T, E]
    if (spec.positionBiasedInput) {
      const positions = tf.gather(ctx.weight('deberta.embeddings.position_embeddings.weight'), tf.range(0, T, 1, 'int32')); // [T, E]
      x = tf.add(x.reshape([B, T, E]), positions).reshape([B * T, E]) as tf.Tensor2D;
    }
    if (spec.typeVocabSize > 0) {
      const types = inputs.tokenTypeIds ?? tf.zeros([B, T], 'int32');
      x = tf.add(x, tf.gather(ctx.weight('deberta.embeddings.token_type_embeddings.weight'), types.reshape([B * T])));
    }
    if (E !== H) x = dense(x, ctx.linear('deberta.embeddings.embed_proj'));
    const tokenMask = tf.cast(inputs.attentionMask, 'float32').reshape([B * T, 1]); // padding embeddings are zeroed
    let h = drop(tf.mul(norm(x, 'deberta.embeddings.LayerNorm'), tokenMask)) as tf.Tensor2D; // [B*T, H]
    const mask = keyPaddingMask(inputs.attentionMask); // [B, 1, 1, T]
    let rel: tf.Tensor2D | null = null; // [2*span, H]
    let c2pIndex: tf.Tensor1D | null = null;
    let p2cIndex: tf.Tensor1D | null = null;
    if (relative && positionTerms > 0) {
      rel = ctx.weight('deberta.encoder.rel_embeddings.weight') as tf.Tensor2D;
      if (relative.normEmbeddings) rel = norm(rel, 'deberta.encoder.LayerNorm');
      if (!indexCache.has(T)) indexCache.set(T, relativeIndex(T, relative));
      const index = indexCache.get(T)!;
      if (spec.contentToPosition) c2pIndex = tf.tensor1d(gatherIndices(index, nh, B, T, relative.span, 'query'), 'int32');
      if (spec.positionToContent) p2cIndex = tf.tensor1d(gatherIndices(index, nh, B, T, relative.span, 'key'), 'int32');
    }
    const byHead = (t: tf.Tensor2D, rows: number) => t.reshape([rows, nh, d]).transpose([1, 0, 2]) as tf.Tensor3D; // [nh, rows, d]
    for (let i = 0; i < spec.numLayers; i++) {
      const p = debertaLayerPrefix(i);
      const query = ctx.linear(`${p}.attention.self.query_proj`);
      const key = ctx.linear(`${p}.attention.self.key_proj`);
      const q = byHead(dense(h, query), B * T); // [nh, B*T, d]
      const k = byHead(dense(h, key), B * T);
      const v = byHead(dense(h, ctx.linear(`${p}.attention.self.value_proj`)), B * T);
      const qb = q.reshape([nh * B, T, d]) as tf.Tensor3D;
      const kb = k.reshape([nh * B, T, d]) as tf.Tensor3D;
      let scores = batchMatMul(qb, kb.transpose([0, 2, 1])).reshape([nh, B, T, T]) as tf.Tensor; // content to content
      if (rel) {
        const span2 = rel.shape[0];
        if (c2pIndex) {
          const posKey = byHead(dense(rel, key), span2).transpose([0, 2, 1]) as tf.Tensor3D; // [nh, d, 2*span]
          const all = batchMatMul(q, posKey); // [nh, B*T, 2*span]
          scores = tf.add(scores, tf.gather(all.reshape([-1]), c2pIndex).reshape([nh, B, T, T]));
        }
        if (p2cIndex) {
          const posQuery = byHead(dense(rel, query), span2).transpose([0, 2, 1]) as tf.Tensor3D; // [nh, d, 2*span]
          const all = batchMatMul(k, posQuery); // [nh, B*T(keys), 2*span]
          scores = tf.add(scores, tf.gather(all.reshape([-1]), p2cIndex).reshape([nh, B, T, T]));
        }
      }
      scores = tf.add(tf.mul(scores.transpose([1, 0, 2, 3]), scale), mask); // [B, nh, T, T]
      const probs = drop(tf.softmax(scores, -1), spec.attentionDropout).transpose([1, 0, 2, 3]).reshape([nh * B, T, T]) as tf.Tensor3D;
      const context = batchMatMul(probs, v.reshape([nh * B, T, d]) as tf.Tensor3D).reshape([nh, B * T, d]).transpose([1, 0, 2]).reshape([B * T, A]) as tf.Tensor2D;
      const h1 = norm(tf.add(drop(dense(context, ctx.linear(`${p}.attention.output.dense`))), h), `${p}.attention.output.LayerNorm`);
      const inner = activation(dense(h1, ctx.linear(`${p}.intermediate.dense`)), spec.activation) as tf.Tensor2D;
      h = norm(tf.add(drop(dense(inner, ctx.linear(`${p}.output.dense`))), h1), `${p}.output.LayerNorm`);
    }
    return h.reshape([B, T, H]) as tf.Tensor3D;
  };
}
