/** @file Parameter names of Llama, Mistral and Qwen2 (LlamaModel's layout under 'model.'). */
import type { DecoderSpec } from '../config';
import { ParamList, type ParamEntry } from '../paramNames';

export const decoderLayerPrefix = (i: number) => `model.layers.${i}`;

export function decoderParams(spec: DecoderSpec): ParamEntry[] {
  const { hiddenSize: H, intermediateSize: I, numHeads, numKvHeads, headDim: d } = spec;
  const list = new ParamList();
  list.add('model.embed_tokens.weight', [spec.vocabSize, H], 'table', -1);
  for (let i = 0; i < spec.numLayers; i++) {
    const p = decoderLayerPrefix(i);
    list.norm(`${p}.input_layernorm`, H, false, i);
    list.linear(`${p}.self_attn.q_proj`, numHeads * d, H, spec.qkvBias, i, 'query');
    list.linear(`${p}.self_attn.k_proj`, numKvHeads * d, H, spec.qkvBias, i, 'key');
    list.linear(`${p}.self_attn.v_proj`, numKvHeads * d, H, spec.qkvBias, i, 'value');
    list.linear(`${p}.self_attn.o_proj`, H, numHeads * d, spec.outputBias, i, 'attentionOutput');
    list.norm(`${p}.post_attention_layernorm`, H, false, i);
    list.linear(`${p}.mlp.gate_proj`, I, H, spec.mlpBias, i, 'mlp');
    list.linear(`${p}.mlp.up_proj`, I, H, spec.mlpBias, i, 'mlp');
    list.linear(`${p}.mlp.down_proj`, H, I, spec.mlpBias, i, 'mlp');
  }
  // The final norm trains with the top layer.
  list.norm('model.norm', H, false, spec.numLayers - 1);
  return list.entries;
}
