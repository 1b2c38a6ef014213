/**
 * @file config.json of ModernBERT (Warner et al. 2024): pre-LayerNorm layers without biases, rotary
 * positions, GeGLU feed-forward, global attention every `global_attn_every_n_layers` layers and
 * local (sliding-window) attention in between, each with its own rope theta.
 */
import type { HfActivation, ModernBertSpec, RopeSpec } from '../config';
import { configValues, type Json } from '../configValues';

const ACTIVATIONS: Record<string, HfActivation> = { gelu: 'gelu', gelu_new: 'gelu_new', gelu_pytorch_tanh: 'gelu_new', silu: 'silu', relu: 'relu' };

export function parseModernBertConfig(c: Json): ModernBertSpec {
  const v = configValues(c);
  const hiddenSize = v.int('hidden_size');
  const numHeads = v.int('num_attention_heads');
  const numLayers = v.int('num_hidden_layers');
  if (hiddenSize % numHeads !== 0) throw new Error(`config.json: hidden size ${hiddenSize} is not a multiple of the ${numHeads} attention heads`);
  const headDim = hiddenSize / numHeads;
  if (headDim % 2 !== 0) throw new Error(`config.json: the head width ${headDim} must be even for rotary position embeddings`);
  const activation = ACTIVATIONS[v.str('hidden_activation', 'gelu', Object.keys(ACTIVATIONS))];
  const classifierActivation = ACTIVATIONS[v.str('classifier_activation', 'gelu', Object.keys(ACTIVATIONS))];
  const every = v.int('global_attn_every_n_layers', 3);
  if (every < 1) throw new Error(`config.json: global_attn_every_n_layers must be at least 1, got ${every}`);
  const window = v.int('local_attention', 128);
  const rope = (theta: number): RopeSpec => ({ theta, dim: headDim, scaling: null });
  return {
    family: 'modernbert',
    architecture: 'modernbert',
    basePrefix: 'model',
    tokenClassifier: 'ModernBertForTokenClassification',
    classifierName: 'classifier',
    vocabSize: v.int('vocab_size'),
    hiddenSize,
    numLayers,
    numHeads,
    headDim,
    intermediateSize: v.int('intermediate_size'),
    padTokenId: v.int('pad_token_id', 50283),
    hiddenDropout: Math.max(v.num('embedding_dropout', 0), v.num('mlp_dropout', 0)),
    attentionDropout: v.num('attention_dropout', 0),
    maxTokens: v.int('max_position_embeddings', 8192),
    causal: false,
    normEps: v.num('norm_eps', 1e-5),
    normBias: v.bool('norm_bias', false),
    attentionBias: v.bool('attention_bias', false),
    mlpBias: v.bool('mlp_bias', false),
    classifierBias: v.bool('classifier_bias', false),
    activation,
    classifierActivation,
    // transformers: layer i is global when i % every == 0; local layers see local_attention // 2 on each side.
    localWindows: Array.from({ length: numLayers }, (_, i) => (i % every === 0 ? null : Math.floor(window / 2))),
    globalRope: rope(v.num('global_rope_theta', 160000)),
    localRope: rope(c.local_rope_theta == null ? v.num('global_rope_theta', 160000) : v.num('local_rope_theta')),
  };
}
