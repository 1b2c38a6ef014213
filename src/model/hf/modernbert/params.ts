/**
 * @file Parameter names of ModernBERT (ModernBertModel under 'model.'), and its prediction head
 * ('head.dense', 'head.norm'), which ModernBertForTokenClassification runs before its classifier.
 */
import type { ModernBertSpec } from '../config';
import { ParamList, type ParamEntry } from '../paramNames';

export const modernBertLayerPrefix = (i: number) => `model.layers.${i}`;

export function modernBertParams(spec: ModernBertSpec): ParamEntry[] {
  const { hiddenSize: H, intermediateSize: I } = spec;
  const list = new ParamList();
  list.add('model.embeddings.tok_embeddings.weight', [spec.vocabSize, H], 'table', -1);
  list.norm('model.embeddings.norm', H, spec.normBias, -1);
  for (let i = 0; i < spec.numLayers; i++) {
    const p = modernBertLayerPrefix(i);
    // Layer 0's attention norm is the identity: the embeddings' norm came just before.
    if (i > 0) list.norm(`${p}.attn_norm`, H, spec.normBias, i);
    list.linear(`${p}.attn.Wqkv`, 3 * H, H, spec.attentionBias, i, 'qkv');
    list.linear(`${p}.attn.Wo`, H, H, spec.attentionBias, i, 'attentionOutput');
    list.norm(`${p}.mlp_norm`, H, spec.normBias, i);
    list.linear(`${p}.mlp.Wi`, 2 * I, H, spec.mlpBias, i, 'mlp');
    list.linear(`${p}.mlp.Wo`, H, I, spec.mlpBias, i, 'mlp');
  }
  list.norm('model.final_norm', H, spec.normBias, spec.numLayers - 1);
  const top = spec.numLayers;
  list.add('head.dense.weight', [H, H], 'linear', top, { head: { init: 'normal' } });
  if (spec.classifierBias) list.add('head.dense.bias', [H], 'vector', top, { head: { init: 'zeros' } });
  list.add('head.norm.weight', [H], 'vector', top, { head: { init: 'ones' } });
  if (spec.normBias) list.add('head.norm.bias', [H], 'vector', top, { head: { init: 'zeros' } });
  return list.entries;
}
