/**
 * @file The forward pass of Llama-style decoders (Touvron et al. 2023): token embeddings, then
 * pre-RMSNorm layers of rotary grouped-query attention and a SwiGLU MLP, then a final RMSNorm.
 * Mistral's sliding window and Qwen2's q/k/v biases come from the spec. Attention is causal, or
 * bidirectional when the run lifts the mask (LLM2Vec-style fine-tuning, BehnamGhader et al. 2024).
 */
import * as tf from '@tensorflow/tfjs';
import { attend, keyPaddingMask, structureMask } from '../attention';
import type { DecoderSpec } from '../config';
import { checkLength, type ForwardContext, type ForwardPass } from '../forwardContext';
import { activation, dense, rmsNorm } from '../ops';
import { applyRope, ropeTensors } from '../rope';
import { decoderLayerPrefix } from './params';

export function decoderForward(spec: DecoderSpec, ctx: ForwardContext): ForwardPass {
  const { hiddenSize: H, numHeads: nh, numKvHeads: nkv, headDim: d, rmsNormEps: eps } = spec;
  const causal = ctx.attention === 'causal';
  return (inputs, training) => {
    const [B, T] = inputs.inputIds.shape;
    checkLength(T, spec.maxTokens);
    const rope = ropeTensors(spec.rope, T);
    const padding = keyPaddingMask(inputs.attentionMask); // [B, 1, 1, T]
    // One mask per distinct window: padding, plus causal order and the window where they apply.
    const masks = new Map<number | null, tf.Tensor>();
    const maskFor = (window: number | null): tf.Tensor => {
      if (!masks.has(window)) {
        const structure = structureMask({ causal, window, windowKind: 'before' }, T); // [1, 1, T, T] or null
        masks.set(window, structure ? tf.add(padding, structure) : padding);
      }
      return masks.get(window)!;
    };
    const shape = { B, T, numHeads: nh, numKvHeads: nkv, headDim: d };
    let h = tf.gather(ctx.weight('model.embed_tokens.weight'), inputs.inputIds.reshape([B * T])) as tf.Tensor2D; // [B*T, H]
    for (let i = 0; i < spec.numLayers; i++) {
      const p = decoderLayerPrefix(i);
      const x = rmsNorm(h, ctx.weight(`${p}.input_layernorm.weight`), eps) as tf.Tensor2D;
      const q = applyRope(dense(x, ctx.linear(`${p}.self_attn.q_proj`)), rope, B, T, nh, d); // [B*T, nh*d]
      const k = applyRope(dense(x, ctx.linear(`${p}.self_attn.k_proj`)), rope, B, T, nkv, d); // [B*T, nkv*d]
      const v = dense(x, ctx.linear(`${p}.self_attn.v_proj`)); // [B*T, nkv*d]
      const context = attend(q, k, v, shape, maskFor(spec.slidingWindows[i]), (probs) => ctx.dropout(probs, spec.attentionDropout, training));
      h = tf.add(h, dense(context, ctx.linear(`${p}.self_attn.o_proj`)));
      const y = rmsNorm(h, ctx.weight(`${p}.post_attention_layernorm.weight`), eps) as tf.Tensor2D;
      const gated = tf.mul(activation(dense(y, ctx.linear(`${p}.mlp.gate_proj`)), spec.activation), dense(y, ctx.linear(`${p}.mlp.up_proj`))) as tf.Tensor2D; // [B*T, I]
      h = tf.add(h, dense(gated, ctx.linear(`${p}.mlp.down_proj`)));
    }
    return rmsNorm(h, ctx.weight('model.norm.weight'), eps).reshape([B, T, H]) as tf.Tensor3D;
  };
}
