/**
 * @file config.json of Llama-style decoders: Llama (RMSNorm, rotary positions, SwiGLU, grouped-query
 * attention), Mistral (the same with a sliding attention window) and Qwen2 (biases on q, k and v,
 * optional sliding windows on its upper layers). Rope scalings other than linear and llama3 are
 * refused by name, as is anything else the forward pass (llama/forward.ts) does not compute.
 */
import type { DecoderSpec, RopeSpec } from '../config';
import { configValues, type ConfigValues, type Json } from '../configValues';

const CLASSIFIERS: Record<DecoderSpec['family'], string> = {
  llama: 'LlamaForTokenClassification',
  mistral: 'MistralForTokenClassification',
  qwen2: 'Qwen2ForTokenClassification',
};

const ROPE_TYPES = ['default', 'linear', 'llama3'];

export function parseDecoderConfig(family: DecoderSpec['family'], c: Json): DecoderSpec {
  const v = configValues(c);
  const hiddenSize = v.int('hidden_size');
  const numHeads = v.int('num_attention_heads');
  const numKvHeads = v.int('num_key_value_heads', numHeads);
  const numLayers = v.int('num_hidden_layers');
  if (numKvHeads < 1 || numHeads % numKvHeads !== 0) {
    throw new Error(`config.json: num_attention_heads ${numHeads} is not a multiple of num_key_value_heads ${numKvHeads}`);
  }
  if (c.head_dim == null && hiddenSize % numHeads !== 0) throw new Error(`config.json: hidden size ${hiddenSize} is not a multiple of the ${numHeads} attention heads`);
  const headDim = v.int('head_dim', Math.floor(hiddenSize / numHeads));
  if (headDim % 2 !== 0) throw new Error(`config.json: head_dim ${headDim} must be even for rotary position embeddings`);
  const activation = v.str('hidden_act', 'silu', ['silu'], 'only silu, the SwiGLU of Llama, Mistral and Qwen2') as 'silu';
  if (c.partial_rotary_factor != null && c.partial_rotary_factor !== 1) {
    throw new Error(`config.json: partial_rotary_factor ${JSON.stringify(c.partial_rotary_factor)} is not supported (only 1: every dimension rotates)`);
  }
  const llamaBias = family === 'llama' && v.bool('attention_bias', false);
  return {
    family,
    architecture: 'decoder',
    basePrefix: 'model',
    tokenClassifier: CLASSIFIERS[family],
    classifierName: 'score',
    vocabSize: v.int('vocab_size'),
    hiddenSize,
    numLayers,
    numHeads,
    numKvHeads,
    headDim,
    intermediateSize: v.int('intermediate_size'),
    padTokenId: v.int('pad_token_id', 0),
    hiddenDropout: 0,
    attentionDropout: v.num('attention_dropout', 0),
    maxTokens: v.int('max_position_embeddings', 2048),
    causal: true,
    rmsNormEps: v.num('rms_norm_eps', 1e-6),
    rope: ropeOf(c, v, headDim),
    slidingWindows: slidingWindowsOf(family, c, v, numLayers),
    qkvBias: family === 'qwen2' || llamaBias,
    outputBias: llamaBias,
    mlpBias: family === 'llama' && v.bool('mlp_bias', false),
    activation,
  };
}

/** rope_theta and rope_scaling, or the newer rope_parameters that holds both. */
function ropeOf(c: Json, v: ConfigValues, dim: number): RopeSpec {
  const params = isObject(c.rope_parameters) ? c.rope_parameters : null;
  const scaling = params ?? (isObject(c.rope_scaling) ? c.rope_scaling : null);
  const key = params ? 'rope_parameters' : 'rope_scaling';
  if (c.rope_scaling != null && !isObject(c.rope_scaling)) throw new Error(`config.json: rope_scaling must be an object or null, got ${JSON.stringify(c.rope_scaling)}`);
  const theta = params && typeof params.rope_theta === 'number' ? params.rope_theta : v.num('rope_theta', 10000);
  if (!scaling) return { theta, dim, scaling: null };
  const type = String(scaling.rope_type ?? scaling.type ?? 'default');
  if (!ROPE_TYPES.includes(type)) {
    throw new Error(`config.json: ${key} type '${type}' is not supported (only ${ROPE_TYPES.join(', ')}); the positions would be computed wrongly`);
  }
  const sv = configValues(scaling);
  if (type === 'default') return { theta, dim, scaling: null };
  const factor = sv.num('factor');
  if (!(factor > 0)) throw new Error(`config.json: ${key}.factor must be positive, got ${factor}`);
  if (type === 'linear') return { theta, dim, scaling: { type, factor } };
  return {
    theta,
    dim,
    scaling: {
      type: 'llama3',
      factor,
      lowFreqFactor: sv.num('low_freq_factor'),
      highFreqFactor: sv.num('high_freq_factor'),
      originalMaxPositions: sv.int('original_max_position_embeddings'),
    },
  };
}

/** Mistral: one window for every layer. Qwen2: layer_types, else use_sliding_window from max_window_layers up. */
function slidingWindowsOf(family: DecoderSpec['family'], c: Json, v: ConfigValues, layers: number): (number | null)[] {
  if (family === 'llama') return Array(layers).fill(null);
  const window = c.sliding_window == null ? null : v.int('sliding_window');
  if (family === 'mistral') return Array(layers).fill(window);
  if (Array.isArray(c.layer_types)) {
    if (c.layer_types.length !== layers) throw new Error(`config.json: layer_types has ${c.layer_types.length} entries for ${layers} layers`);
    return c.layer_types.map((t, i) => {
      if (t === 'full_attention') return null;
      if (t === 'sliding_attention' && window !== null) return window;
      throw new Error(`config.json: layer_types[${i}] '${String(t)}' is not supported (full_attention, or sliding_attention with a sliding_window)`);
    });
  }
  if (!v.bool('use_sliding_window', false) || window === null) return Array(layers).fill(null);
  const from = v.int('max_window_layers', layers);
  return Array.from({ length: layers }, (_, i) => (i >= from ? window : null));
}

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
