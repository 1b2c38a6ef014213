/**
 * @file A Hugging Face config.json read into the one shape our encoder needs. Four architectures:
 * the BERT family (BERT, DistilBERT, RoBERTa, XLM-RoBERTa), Llama-style decoders (Llama, Mistral,
 * Qwen2), ModernBERT and DeBERTa-v2/v3; each has its reader in its own folder. Anything else,
 * and any option a reader does not implement, is refused by name before any weights are read.
 */
import { parseBertConfig } from './bert/config';
import type { Json } from './configValues';
import { parseDebertaConfig } from './deberta/config';
import { parseDecoderConfig } from './llama/config';
import { parseModernBertConfig } from './modernbert/config';

export type HfFamily = 'bert' | 'distilbert' | 'roberta' | 'xlm-roberta' | 'llama' | 'mistral' | 'qwen2' | 'modernbert' | 'deberta-v2';

/** The forward pass a family runs: one file each (bert/, llama/, modernbert/, deberta/ forward.ts). */
export type HfArchitecture = 'bert' | 'decoder' | 'modernbert' | 'deberta';

export type HfActivation = 'gelu' | 'gelu_new' | 'relu' | 'silu';

/** What every architecture's spec has. */
export interface SpecBase {
  family: HfFamily;
  architecture: HfArchitecture;
  /** Where the encoder's weights live in a *ForTokenClassification checkpoint ('bert', 'model', 'deberta'...). */
  basePrefix: string;
  /** The transformers class of the exported token classifier, and the name of its linear layer. */
  tokenClassifier: string;
  classifierName: 'classifier' | 'score';
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  /** Each head's width (hiddenSize / numHeads unless the config says otherwise). */
  headDim: number;
  intermediateSize: number;
  padTokenId: number;
  hiddenDropout: number;
  attentionDropout: number;
  /** The longest input the position scheme allows, special tokens included. */
  maxTokens: number;
  /** A decoder: each token attends only to earlier ones unless the run lifts the mask. */
  causal: boolean;
}

export interface BertSpec extends SpecBase {
  architecture: 'bert';
  family: 'bert' | 'distilbert' | 'roberta' | 'xlm-roberta';
  maxPositions: number;
  /** 0 for DistilBERT, which has no token type embeddings. */
  typeVocabSize: number;
  layerNormEps: number;
  activation: HfActivation;
  /** RoBERTa numbers positions from padTokenId + 1; BERT from 0. */
  positionOffset: number;
}

/** Rotary position embeddings (Su et al. 2021) as transformers computes them, with the scalings we implement. */
export interface RopeSpec {
  theta: number;
  /** Rotated dimensions: the head width. */
  dim: number;
  scaling: null | { type: 'linear'; factor: number } | { type: 'llama3'; factor: number; lowFreqFactor: number; highFreqFactor: number; originalMaxPositions: number };
}

export interface DecoderSpec extends SpecBase {
  architecture: 'decoder';
  family: 'llama' | 'mistral' | 'qwen2';
  /** Key/value heads (grouped-query attention); numHeads is a multiple. */
  numKvHeads: number;
  rmsNormEps: number;
  rope: RopeSpec;
  /** Per layer: how far back a token sees (Mistral's sliding window), null for the whole prefix. */
  slidingWindows: (number | null)[];
  /** Biases on q, k, v (Qwen2; Llama's attention_bias), on o (Llama's attention_bias), on the MLP. */
  qkvBias: boolean;
  outputBias: boolean;
  mlpBias: boolean;
  activation: HfActivation;
}

export interface ModernBertSpec extends SpecBase {
  architecture: 'modernbert';
  family: 'modernbert';
  normEps: number;
  normBias: boolean;
  attentionBias: boolean;
  mlpBias: boolean;
  classifierBias: boolean;
  activation: HfActivation;
  classifierActivation: HfActivation;
  /** Per layer: attend within |i - j| <= window (local layers), or null (global layers). */
  localWindows: (number | null)[];
  globalRope: RopeSpec;
  localRope: RopeSpec;
}

export interface DebertaSpec extends SpecBase {
  architecture: 'deberta';
  family: 'deberta-v2';
  /** Width of the word embeddings; projected to hiddenSize when it differs. */
  embeddingSize: number;
  maxPositions: number;
  typeVocabSize: number;
  /** DeBERTa-v2 adds absolute position embeddings to the input; v3 does not. */
  positionBiasedInput: boolean;
  layerNormEps: number;
  activation: HfActivation;
  /** Disentangled attention; null when relative_attention is false. */
  relative: null | {
    /** Log buckets (256 in v3); 0 for plain clipped distances. */
    buckets: number;
    maxRelative: number;
    /** Relative embeddings on each side: buckets, else maxRelative. */
    span: number;
    normEmbeddings: boolean;
  };
  contentToPosition: boolean;
  positionToContent: boolean;
}

export type EncoderSpec = BertSpec | DecoderSpec | ModernBertSpec | DebertaSpec;

interface FamilyInfo {
  architecture: HfArchitecture;
  /** The model_type values config.json uses for it. */
  modelTypes: string[];
  /** Class-name stems in `architectures`, for configs without model_type. */
  stem: string;
}

const FAMILIES: Record<HfFamily, FamilyInfo> = {
  'xlm-roberta': { architecture: 'bert', modelTypes: ['xlm-roberta'], stem: 'XLMRoberta' },
  distilbert: { architecture: 'bert', modelTypes: ['distilbert'], stem: 'DistilBert' },
  roberta: { architecture: 'bert', modelTypes: ['roberta'], stem: 'Roberta' },
  bert: { architecture: 'bert', modelTypes: ['bert'], stem: 'Bert' },
  llama: { architecture: 'decoder', modelTypes: ['llama'], stem: 'Llama' },
  mistral: { architecture: 'decoder', modelTypes: ['mistral'], stem: 'Mistral' },
  qwen2: { architecture: 'decoder', modelTypes: ['qwen2'], stem: 'Qwen2' },
  modernbert: { architecture: 'modernbert', modelTypes: ['modernbert'], stem: 'ModernBert' },
  'deberta-v2': { architecture: 'deberta', modelTypes: ['deberta-v2'], stem: 'DebertaV2' },
};

export const SUPPORTED_FAMILIES = 'BERT, DistilBERT, RoBERTa, XLM-RoBERTa, Llama, Mistral, Qwen2, ModernBERT and DeBERTa-v2/v3';

/** The family config.json names, by model_type or else by its architectures' class names. */
export function familyOf(config: Json): HfFamily {
  const modelType = typeof config.model_type === 'string' ? config.model_type : null;
  const architectures = Array.isArray(config.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
  const named = `${modelType ? `'${modelType}'` : 'unnamed'}${architectures.length ? ` (${architectures.join(', ')})` : ''}`;
  const families = Object.entries(FAMILIES) as [HfFamily, FamilyInfo][];
  if (modelType !== null) {
    const found = families.find(([, f]) => f.modelTypes.includes(modelType));
    if (found) return found[0];
  } else {
    // Longest stems first in the table, so 'DistilBertModel' is not read as Bert.
    for (const arch of architectures) {
      const found = families.find(([, f]) => new RegExp(`^${f.stem}(Model|For[A-Za-z]+)$`).test(arch));
      if (found) return found[0];
    }
  }
  throw new Error(`Architecture ${named} is not supported: the studio fine-tunes ${SUPPORTED_FAMILIES} models`);
}

export function parseEncoderConfig(config: unknown): EncoderSpec {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('config.json: expected a JSON object');
  const c = config as Json;
  const family = familyOf(c);
  const spec = parseFamily(family, c);
  if (spec.numHeads < 1 || spec.headDim < 1) throw new Error(`config.json: ${spec.numHeads} attention heads of width ${spec.headDim} cannot make an attention layer`);
  if (spec.maxTokens < 2) throw new Error(`config.json: max_position_embeddings leaves no room for tokens`);
  return spec;
}

function parseFamily(family: HfFamily, c: Json): EncoderSpec {
  switch (family) {
    case 'bert':
    case 'distilbert':
    case 'roberta':
    case 'xlm-roberta':
      return parseBertConfig(family, c);
    case 'llama':
    case 'mistral':
    case 'qwen2':
      return parseDecoderConfig(family, c);
    case 'modernbert':
      return parseModernBertConfig(c);
    case 'deberta-v2':
      return parseDebertaConfig(c);
    default:
      return family satisfies never;
  }
}
