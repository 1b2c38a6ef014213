/**
 * @file ModernBERT's forward pass (Warner et al. 2024): token embeddings and a LayerNorm, then
 * pre-LayerNorm layers of rotary attention (global every few layers, a sliding window of
 * local_attention / 2 on each side in between, each with its own rope theta) and a GeGLU MLP, a
 * final norm, and the prediction head (dense, activation, norm) that ModernBertForTokenClassification
 * runs before its classifier: what comes out is what the classifier reads.
 */
import * as tf from '@tensorflow/tfjs';
import { attend, keyPaddingMask, structureMask } from '../attention';
import type { ModernBertSpec } from '../config';
import { checkLength, type ForwardContext, type ForwardPass } from '../forwardContext';
import { activation, dense, layerNorm } from '../ops';
import { applyRope, ropeTensors } from '../rope';
import { modernBertLayerPrefix } from './params';

export function modernBertForward(spec: ModernBertSpec, ctx: ForwardContext): ForwardPass {
  const { hiddenSize: H, intermediateSize: I, numHeads: nh, headDim: d } = spec;
  const norm = (x: tf.Tensor, prefix: string) => layerNorm(x, ctx.weight(`${prefix}.weight`), spec.normBias ? ctx.weight(`${prefix}.bias`) : null, spec.normEps) as tf.Tensor2D;
  return (inputs, training) => {
    const [B, T] = inputs.inputIds.shape;
    checkLength(T, spec.maxTokens);
    const padding = keyPaddingMask(inputs.attentionMask); // [B, 1, 1, T]
    const ropes = { global: ropeTensors(spec.globalRope, T), local: ropeTensors(spec.localRope, T) };
    const localMasks = new Map<number, tf.Tensor>();
    const maskFor = (window: number | null) => {
      if (window === null) return padding;
      if (!localMasks.has(window)) {
        const structure = structureMask({ causal: false, window, windowKind: 'around' }, T);
        localMasks.set(window, structure ? tf.add(padding, structure) : padding);
      }
      return localMasks.get(window)!;
    };
    const shape = { B, T, numHeads: nh, numKvHeads: nh, headDim: d };
    const embedded = tf.gather(ctx.weight('model.embeddings.tok_embeddings.weight'), inputs.inputIds.reshape([B * T])); // [B*T, H]
    let h = ctx.dropout(norm(embedded, 'model.embeddings.norm'), spec.hiddenDropout, training);
    for (let i = 0; i < spec.numLayers; i++) {
      const p = modernBertLayerPrefix(i);
      const window = spec.localWindows[i];
      const rope = window === null ? ropes.global : ropes.local;
      const x = i === 0 ? h : norm(h, `${p}.attn_norm`);
      const qkv = dense(x, ctx.linear(`${p}.attn.Wqkv`)); // [B*T, 3H]: q, k, v side by side
      const [q, k, v] = tf.split(qkv, 3, 1) as tf.Tensor2D[];
      const context = attend(applyRope(q, rope, B, T, nh, d), applyRope(k, rope, B, T, nh, d), v, shape, maskFor(window), (probs) => ctx.dropout(probs, spec.attentionDropout, training));
      h = tf.add(h, ctx.dropout(dense(context, ctx.linear(`${p}.attn.Wo`)), spec.attentionDropout, training));
      const [input, gate] = tf.split(dense(norm(h, `${p}.mlp_norm`), ctx.linear(`${p}.mlp.Wi`)), [I, I], 1); // GeGLU halves [B*T, I]
      const gated = ctx.dropout(tf.mul(activation(input, spec.activation), gate) as tf.Tensor2D, spec.hiddenDropout, training);
      h = tf.add(h, dense(gated, ctx.linear(`${p}.mlp.Wo`)));
    }
    const last = norm(h, 'model.final_norm');
    const head = norm(activation(dense(last, ctx.linear('head.dense')), spec.classifierActivation), 'head.norm');
    return head.reshape([B, T, H]) as tf.Tensor3D;
  };
}
