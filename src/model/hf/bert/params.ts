/** @file The BERT family's parameter names (BERT, RoBERTa, XLM-R share them; DistilBERT has its own). */
import type { BertSpec } from '../config';
import { ParamList, type ParamEntry } from '../paramNames';

export interface LinearNames {
  weight: string;
  bias: string;
}

export interface LayerNormNames {
  weight: string;
  bias: string;
}

export interface EmbeddingNames {
  word: string;
  position: string;
  tokenType: string | null;
  norm: LayerNormNames;
}

export interface LayerNames {
  query: LinearNames;
  key: LinearNames;
  value: LinearNames;
  attentionOutput: LinearNames;
  attentionNorm: LayerNormNames;
  intermediate: LinearNames;
  output: LinearNames;
  outputNorm: LayerNormNames;
}

const pair = (prefix: string) => ({ weight: `${prefix}.weight`, bias: `${prefix}.bias` });

export function embeddingNames(spec: BertSpec): EmbeddingNames {
  const p = `${spec.basePrefix}.embeddings`;
  return {
    word: `${p}.word_embeddings.weight`,
    position: `${p}.position_embeddings.weight`,
    tokenType: spec.typeVocabSize > 0 ? `${p}.token_type_embeddings.weight` : null,
    norm: pair(`${p}.LayerNorm`),
  };
}

export function layerNames(spec: BertSpec, i: number): LayerNames {
  if (spec.family === 'distilbert') {
    const p = `distilbert.transformer.layer.${i}`;
    return {
      query: pair(`${p}.attention.q_lin`),
      key: pair(`${p}.attention.k_lin`),
      value: pair(`${p}.attention.v_lin`),
      attentionOutput: pair(`${p}.attention.out_lin`),
      attentionNorm: pair(`${p}.sa_layer_norm`),
      intermediate: pair(`${p}.ffn.lin1`),
      output: pair(`${p}.ffn.lin2`),
      outputNorm: pair(`${p}.output_layer_norm`),
    };
  }
  const p = `${spec.basePrefix}.encoder.layer.${i}`;
  return {
    query: pair(`${p}.attention.self.query`),
    key: pair(`${p}.attention.self.key`),
    value: pair(`${p}.attention.self.value`),
    attentionOutput: pair(`${p}.attention.output.dense`),
    attentionNorm: pair(`${p}.attention.output.LayerNorm`),
    intermediate: pair(`${p}.intermediate.dense`),
    output: pair(`${p}.output.dense`),
    outputNorm: pair(`${p}.output.LayerNorm`),
  };
}

const stem = (names: LinearNames) => names.weight.replace(/\.weight$/, '');

export function bertParams(spec: BertSpec): ParamEntry[] {
  const H = spec.hiddenSize;
  const I = spec.intermediateSize;
  const list = new ParamList();
  const emb = embeddingNames(spec);
  list.add(emb.word, [spec.vocabSize, H], 'table', -1);
  list.add(emb.position, [spec.maxPositions, H], 'table', -1);
  if (emb.tokenType) list.add(emb.tokenType, [spec.typeVocabSize, H], 'table', -1);
  list.norm(stem(emb.norm), H, true, -1);
  for (let i = 0; i < spec.numLayers; i++) {
    const l = layerNames(spec, i);
    list.linear(stem(l.query), H, H, true, i, 'query');
    list.linear(stem(l.key), H, H, true, i, 'key');
    list.linear(stem(l.value), H, H, true, i, 'value');
    list.linear(stem(l.attentionOutput), H, H, true, i, 'attentionOutput');
    list.norm(stem(l.attentionNorm), H, true, i);
    list.linear(stem(l.intermediate), I, H, true, i, 'mlp');
    list.linear(stem(l.output), H, I, true, i, 'mlp');
    list.norm(stem(l.outputNorm), H, true, i);
  }
  return list.entries;
}
