/**
 * @file config.json of DeBERTa-v2 and v3 (He et al. 2021): post-LayerNorm layers whose attention adds
 * content-to-position and position-to-content terms over relative positions in log buckets. The
 * convolution some v2 checkpoints add (conv_kernel_size) and unshared position projections
 * (share_att_key false) are refused by name.
 */
import type { DebertaSpec, HfActivation } from '../config';
import { configValues, type Json } from '../configValues';

const ACTIVATIONS: Record<string, HfActivation> = { gelu: 'gelu', gelu_new: 'gelu_new', relu: 'relu' };

export function parseDebertaConfig(c: Json): DebertaSpec {
  const v = configValues(c);
  const hiddenSize = v.int('hidden_size');
  const numHeads = v.int('num_attention_heads');
  if (c.attention_head_size == null && hiddenSize % numHeads !== 0) throw new Error(`config.json: hidden size ${hiddenSize} is not a multiple of the ${numHeads} attention heads`);
  const headDim = v.int('attention_head_size', Math.floor(hiddenSize / numHeads));
  if (v.int('conv_kernel_size', 0) > 0) throw new Error(`config.json: conv_kernel_size ${String(c.conv_kernel_size)} is not supported (the convolution of some DeBERTa-v2 checkpoints is not implemented)`);
  if (!v.bool('share_att_key', true)) throw new Error('config.json: share_att_key false is not supported (separate position projections are not implemented)');
  const types = posAttTypes(c.pos_att_type);
  const relativeAttention = v.bool('relative_attention', false);
  const maxPositions = v.int('max_position_embeddings', 512);
  const maxRelative = v.num('max_relative_positions', -1) < 1 ? maxPositions : v.int('max_relative_positions');
  const buckets = Math.max(0, v.num('position_buckets', -1));
  const norm = v.str('norm_rel_ebd', 'none');
  const normKinds = norm.split('|').map((s) => s.trim());
  if (normKinds.some((k) => k !== 'none' && k !== 'layer_norm')) throw new Error(`config.json: norm_rel_ebd '${norm}' is not supported (none or layer_norm)`);
  return {
    family: 'deberta-v2',
    architecture: 'deberta',
    basePrefix: 'deberta',
    tokenClassifier: 'DebertaV2ForTokenClassification',
    classifierName: 'classifier',
    vocabSize: v.int('vocab_size'),
    hiddenSize,
    numLayers: v.int('num_hidden_layers'),
    numHeads,
    headDim,
    intermediateSize: v.int('intermediate_size'),
    padTokenId: v.int('pad_token_id', 0),
    hiddenDropout: v.num('hidden_dropout_prob', 0.1),
    attentionDropout: v.num('attention_probs_dropout_prob', 0.1),
    maxTokens: maxPositions,
    causal: false,
    embeddingSize: v.int('embedding_size', hiddenSize),
    maxPositions,
    typeVocabSize: v.int('type_vocab_size', 0),
    positionBiasedInput: v.bool('position_biased_input', true),
    layerNormEps: v.num('layer_norm_eps', 1e-7),
    activation: ACTIVATIONS[v.str('hidden_act', 'gelu', Object.keys(ACTIVATIONS))],
    relative: relativeAttention ? { buckets, maxRelative, span: buckets > 0 ? buckets : maxRelative, normEmbeddings: normKinds.includes('layer_norm') } : null,
    contentToPosition: types.includes('c2p'),
    positionToContent: types.includes('p2c'),
  };
}

/** pos_att_type: a list, or 'p2c|c2p' in older configs; only c2p and p2c exist in v2. */
function posAttTypes(value: unknown): string[] {
  const types = value == null ? [] : typeof value === 'string' ? value.toLowerCase().split('|').map((s) => s.trim()) : Array.isArray(value) ? value.map((s) => String(s).toLowerCase()) : null;
  if (!types) throw new Error(`config.json: pos_att_type must be a list, got ${JSON.stringify(value)}`);
  const unknown = types.filter((t) => t !== 'c2p' && t !== 'p2c' && t !== '');
  if (unknown.length) throw new Error(`config.json: pos_att_type '${unknown[0]}' is not supported (c2p and p2c)`);
  return types;
}
