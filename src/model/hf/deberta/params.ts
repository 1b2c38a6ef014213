/** @file Parameter names of DeBERTa-v2/v3 (DebertaV2Model under 'deberta.'). */
import type { DebertaSpec } from '../config';
import { ParamList, type ParamEntry } from '../paramNames';

export const debertaLayerPrefix = (i: number) => `deberta.encoder.layer.${i}`;

export function debertaParams(spec: DebertaSpec): ParamEntry[] {
  const { hiddenSize: H, intermediateSize: I, embeddingSize: E } = spec;
  const A = spec.numHeads * spec.headDim;
  const list = new ParamList();
  list.add('deberta.embeddings.word_embeddings.weight', [spec.vocabSize, E], 'table', -1);
  if (spec.positionBiasedInput) list.add('deberta.embeddings.position_embeddings.weight', [spec.maxPositions, E], 'table', -1);
  if (spec.typeVocabSize > 0) list.add('deberta.embeddings.token_type_embeddings.weight', [spec.typeVocabSize, E], 'table', -1);
  if (E !== H) list.linear('deberta.embeddings.embed_proj', H, E, false, -1);
  list.norm('deberta.embeddings.LayerNorm', H, true, -1);
  for (let i = 0; i < spec.numLayers; i++) {
    const p = debertaLayerPrefix(i);
    list.linear(`${p}.attention.self.query_proj`, A, H, true, i, 'query');
    list.linear(`${p}.attention.self.key_proj`, A, H, true, i, 'key');
    list.linear(`${p}.attention.self.value_proj`, A, H, true, i, 'value');
    list.linear(`${p}.attention.output.dense`, H, A, true, i, 'attentionOutput');
    list.norm(`${p}.attention.output.LayerNorm`, H, true, i);
    list.linear(`${p}.intermediate.dense`, I, H, true, i, 'mlp');
    list.linear(`${p}.output.dense`, H, I, true, i, 'mlp');
    list.norm(`${p}.output.LayerNorm`, H, true, i);
  }
  // Shared by every layer, so they train with the embeddings ('full') rather than with the top layers.
  if (spec.relative) {
    list.add('deberta.encoder.rel_embeddings.weight', [2 * spec.relative.span, H], 'table', -1);
    if (spec.relative.normEmbeddings) list.norm('deberta.encoder.LayerNorm', H, true, -1);
  }
  return list.entries;
}
