/**
 * @file The Hugging Face parameter names of each encoder family, in one place: the loader looks
 * weights up by them, the encoder names its variables with them and the export writes them back,
 * so a checkpoint round-trips through `transformers` unchanged.
 */
import type { EncoderSpec } from './config';

/** A dense layer: HF stores weight as [out, in]; we keep it as [in, out] under the same name. */
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

export type ParamKind = 'table' | 'linear' | 'vector';

export interface ParamEntry {
  name: string;
  /** Shape as stored in a Hugging Face checkpoint. */
  hfShape: number[];
  kind: ParamKind;
  /** The transformer layer it belongs to; -1 for the embeddings. */
  layer: number;
}

const pair = (prefix: string) => ({ weight: `${prefix}.weight`, bias: `${prefix}.bias` });

export function embeddingNames(spec: EncoderSpec): EmbeddingNames {
  const p = `${spec.basePrefix}.embeddings`;
  return {
    word: `${p}.word_embeddings.weight`,
    position: `${p}.position_embeddings.weight`,
    tokenType: spec.typeVocabSize > 0 ? `${p}.token_type_embeddings.weight` : null,
    norm: pair(`${p}.LayerNorm`),
  };
}

export function layerNames(spec: EncoderSpec, i: number): LayerNames {
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

/** Every encoder parameter with its checkpoint shape, embeddings first, then layer by layer. */
export function encoderParams(spec: EncoderSpec): ParamEntry[] {
  const H = spec.hiddenSize;
  const I = spec.intermediateSize;
  const out: ParamEntry[] = [];
  const add = (name: string, hfShape: number[], kind: ParamKind, layer: number) => out.push({ name, hfShape, kind, layer });
  const emb = embeddingNames(spec);
  add(emb.word, [spec.vocabSize, H], 'table', -1);
  add(emb.position, [spec.maxPositions, H], 'table', -1);
  if (emb.tokenType) add(emb.tokenType, [spec.typeVocabSize, H], 'table', -1);
  add(emb.norm.weight, [H], 'vector', -1);
  add(emb.norm.bias, [H], 'vector', -1);
  for (let i = 0; i < spec.numLayers; i++) {
    const l = layerNames(spec, i);
    const linear = (names: LinearNames, outDim: number, inDim: number) => {
      add(names.weight, [outDim, inDim], 'linear', i);
      add(names.bias, [outDim], 'vector', i);
    };
    const norm = (names: LayerNormNames) => {
      add(names.weight, [H], 'vector', i);
      add(names.bias, [H], 'vector', i);
    };
    linear(l.query, H, H);
    linear(l.key, H, H);
    linear(l.value, H, H);
    linear(l.attentionOutput, H, H);
    norm(l.attentionNorm);
    linear(l.intermediate, I, H);
    linear(l.output, H, I);
    norm(l.outputNorm);
  }
  return out;
}
