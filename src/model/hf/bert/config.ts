/**
 * @file config.json of the BERT family (BERT, DistilBERT, RoBERTa, XLM-RoBERTa): absolute
 * positions, post-LayerNorm layers. DistilBERT names its keys its own way (dim, n_layers...).
 */
import type { BertSpec } from '../config';
import { configValues, type Json } from '../configValues';

const CLASSIFIERS: Record<BertSpec['family'], { basePrefix: string; tokenClassifier: string }> = {
  bert: { basePrefix: 'bert', tokenClassifier: 'BertForTokenClassification' },
  distilbert: { basePrefix: 'distilbert', tokenClassifier: 'DistilBertForTokenClassification' },
  roberta: { basePrefix: 'roberta', tokenClassifier: 'RobertaForTokenClassification' },
  'xlm-roberta': { basePrefix: 'roberta', tokenClassifier: 'XLMRobertaForTokenClassification' },
};

export function parseBertConfig(family: BertSpec['family'], c: Json): BertSpec {
  const v = configValues(c);
  const distil = family === 'distilbert';
  v.str('position_embedding_type', 'absolute', ['absolute'], "only 'absolute'");
  // DistilBERT's sinusoidal_pos_embds are stored in position_embeddings like learned ones: nothing to do.
  const activationName = String((distil ? c.activation : c.hidden_act) ?? 'gelu');
  const activation = (['gelu', 'gelu_new', 'relu'] as const).find((a) => a === activationName);
  if (!activation) throw new Error(`config.json: activation '${activationName}' is not supported (gelu, gelu_new or relu)`);
  const padTokenId = v.int('pad_token_id', distil ? 0 : family === 'bert' ? 0 : 1);
  const maxPositions = v.int('max_position_embeddings', 512);
  const positionOffset = family === 'roberta' || family === 'xlm-roberta' ? padTokenId + 1 : 0;
  const hiddenSize = v.int(distil ? 'dim' : 'hidden_size');
  const numHeads = v.int(distil ? 'n_heads' : 'num_attention_heads');
  if (hiddenSize % numHeads !== 0) throw new Error(`config.json: hidden size ${hiddenSize} is not a multiple of the ${numHeads} attention heads`);
  if (maxPositions - positionOffset < 2) throw new Error(`config.json: max_position_embeddings ${maxPositions} leaves no room for tokens`);
  return {
    family,
    architecture: 'bert',
    ...CLASSIFIERS[family],
    classifierName: 'classifier',
    vocabSize: v.int('vocab_size'),
    hiddenSize,
    numLayers: v.int(distil ? 'n_layers' : 'num_hidden_layers'),
    numHeads,
    headDim: hiddenSize / numHeads,
    intermediateSize: v.int(distil ? 'hidden_dim' : 'intermediate_size'),
    maxPositions,
    typeVocabSize: distil ? 0 : v.int('type_vocab_size', 2),
    // DistilBERT's LayerNorms are built with eps=1e-12 whatever the config says.
    layerNormEps: distil ? 1e-12 : v.num('layer_norm_eps', 1e-12),
    activation,
    padTokenId,
    hiddenDropout: v.num(distil ? 'dropout' : 'hidden_dropout_prob', 0.1),
    attentionDropout: v.num(distil ? 'attention_dropout' : 'attention_probs_dropout_prob', 0.1),
    positionOffset,
    maxTokens: maxPositions - positionOffset,
    causal: false,
  };
}
