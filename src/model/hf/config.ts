/**
 * @file A Hugging Face config.json read into the one shape our encoder needs, for the BERT family
 * of encoders (BERT, DistilBERT, RoBERTa, XLM-RoBERTa). Anything else is refused by name, before
 * any weights are read.
 */

export type HfFamily = 'bert' | 'distilbert' | 'roberta' | 'xlm-roberta';

export type HfActivation = 'gelu' | 'gelu_new' | 'relu';

export interface EncoderSpec {
  family: HfFamily;
  /** Where the encoder's weights live in a *ForTokenClassification checkpoint ('bert', 'roberta', 'distilbert'). */
  basePrefix: 'bert' | 'roberta' | 'distilbert';
  /** The transformers class of the exported token classifier. */
  tokenClassifier: string;
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  maxPositions: number;
  /** 0 for DistilBERT, which has no token type embeddings. */
  typeVocabSize: number;
  layerNormEps: number;
  activation: HfActivation;
  padTokenId: number;
  hiddenDropout: number;
  attentionDropout: number;
  /** RoBERTa numbers positions from padTokenId + 1; BERT from 0. */
  positionOffset: number;
  /** The longest input, special tokens included: maxPositions - positionOffset. */
  maxTokens: number;
}

interface FamilyInfo {
  basePrefix: EncoderSpec['basePrefix'];
  tokenClassifier: string;
}

const FAMILIES: Record<HfFamily, FamilyInfo> = {
  bert: { basePrefix: 'bert', tokenClassifier: 'BertForTokenClassification' },
  distilbert: { basePrefix: 'distilbert', tokenClassifier: 'DistilBertForTokenClassification' },
  roberta: { basePrefix: 'roberta', tokenClassifier: 'RobertaForTokenClassification' },
  'xlm-roberta': { basePrefix: 'roberta', tokenClassifier: 'XLMRobertaForTokenClassification' },
};

/** Class-name stems in `architectures`, for configs without model_type; longest first. */
const ARCHITECTURE_STEMS: [string, HfFamily][] = [
  ['XLMRoberta', 'xlm-roberta'],
  ['DistilBert', 'distilbert'],
  ['Roberta', 'roberta'],
  ['Bert', 'bert'],
];

export const SUPPORTED_FAMILIES = 'BERT, DistilBERT, RoBERTa and XLM-RoBERTa';

type Json = Record<string, unknown>;

export function familyOf(config: Json): HfFamily {
  const modelType = typeof config.model_type === 'string' ? config.model_type : null;
  const architectures = Array.isArray(config.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
  const named = `${modelType ? `'${modelType}'` : 'unnamed'}${architectures.length ? ` (${architectures.join(', ')})` : ''}`;
  if (modelType !== null) {
    if (modelType in FAMILIES) return modelType as HfFamily;
    throw new Error(`Architecture ${named} is not supported: the studio fine-tunes ${SUPPORTED_FAMILIES} encoders`);
  }
  for (const arch of architectures) {
    const stem = ARCHITECTURE_STEMS.find(([s]) => new RegExp(`^${s}(Model|For[A-Za-z]+)$`).test(arch));
    if (stem) return stem[1];
  }
  throw new Error(`Architecture ${named} is not supported: the studio fine-tunes ${SUPPORTED_FAMILIES} encoders`);
}

export function parseEncoderConfig(config: unknown): EncoderSpec {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('config.json: expected a JSON object');
  const c = config as Json;
  const family = familyOf(c);
  const distil = family === 'distilbert';
  const int = (key: string, fallback?: number): number => {
    const v = c[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`config.json: '${key}' must be a non-negative integer, got ${JSON.stringify(v)}`);
    return v;
  };
  const num = (key: string, fallback: number): number => {
    const v = c[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`config.json: '${key}' must be a number, got ${JSON.stringify(v)}`);
    return v;
  };
  const positionType = c.position_embedding_type ?? 'absolute';
  if (positionType !== 'absolute') throw new Error(`config.json: position_embedding_type '${String(positionType)}' is not supported (only 'absolute')`);
  // DistilBERT's sinusoidal_pos_embds are stored in position_embeddings like learned ones: nothing to do.
  const activationName = String((distil ? c.activation : c.hidden_act) ?? 'gelu');
  const activation = (['gelu', 'gelu_new', 'relu'] as const).find((a) => a === activationName);
  if (!activation) throw new Error(`config.json: activation '${activationName}' is not supported (gelu, gelu_new or relu)`);
  const padTokenId = int('pad_token_id', distil ? 0 : family === 'bert' ? 0 : 1);
  const maxPositions = int('max_position_embeddings', 512);
  const positionOffset = family === 'roberta' || family === 'xlm-roberta' ? padTokenId + 1 : 0;
  const spec: EncoderSpec = {
    family,
    ...FAMILIES[family],
    vocabSize: int('vocab_size'),
    hiddenSize: int(distil ? 'dim' : 'hidden_size'),
    numLayers: int(distil ? 'n_layers' : 'num_hidden_layers'),
    numHeads: int(distil ? 'n_heads' : 'num_attention_heads'),
    intermediateSize: int(distil ? 'hidden_dim' : 'intermediate_size'),
    maxPositions,
    typeVocabSize: distil ? 0 : int('type_vocab_size', 2),
    // DistilBERT's LayerNorms are built with eps=1e-12 whatever the config says.
    layerNormEps: distil ? 1e-12 : num('layer_norm_eps', 1e-12),
    activation,
    padTokenId,
    hiddenDropout: num(distil ? 'dropout' : 'hidden_dropout_prob', 0.1),
    attentionDropout: num(distil ? 'attention_dropout' : 'attention_probs_dropout_prob', 0.1),
    positionOffset,
    maxTokens: maxPositions - positionOffset,
  };
  if (spec.hiddenSize % spec.numHeads !== 0) {
    throw new Error(`config.json: hidden size ${spec.hiddenSize} is not a multiple of the ${spec.numHeads} attention heads`);
  }
  if (spec.maxTokens < 2) throw new Error(`config.json: max_position_embeddings ${maxPositions} leaves no room for tokens`);
  return spec;
}
