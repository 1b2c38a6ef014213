/**
 * @file Writes tiny BERT-family checkpoints in the Hugging Face layout (config.json,
 * model.safetensors, tokenizer.json, tokenizer_config.json) with seeded random weights, as test
 * fixtures: tiny-bert (WordPiece), tiny-roberta (byte-level BPE, positions after the padding id)
 * and tiny-distilbert (DistilBERT's names). scripts/bert_reference.py computes their forward pass
 * independently in PyTorch.
 *
 *   npx tsx scripts/make-tiny-bert.ts [outDir]    (default testing/fixtures/hf)
 */
import { values, writeTinyCheckpoint, type TinyCheckpoint } from './tinyCheckpoint';
import { wordPieceTokenizerJson } from '../src/tokenize/wordPieceJson';

/** 60 WordPiece tokens: the specials, some words of news text, and continuation pieces. */
export const TINY_WORDPIECE_VOCAB = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]',
  'the', 'a', 'of', 'in', 'to', 'and', 'is', 'was', 'at', 'on', 'for', 'by', 'with', 'from', 'said',
  'john', 'smith', 'mary', 'paris', 'london', 'berlin', 'new', 'york', 'germany', 'france', 'reuters', 'united',
  'nations', 'bank', 'corp', 'inc', 'minister', 'president', 'today', 'city',
  '.', ',', '-', "'", '(', ')', '1', '2',
  '##s', '##ed', '##ing', '##er', '##ly', '##on', '##a', '##n', '##ia', '##ton', '##burg', '##ville',
];

const SPECIAL_BPE = ['<s>', '<pad>', '</s>', '<unk>', '<mask>'];
/** Byte-level BPE: Ġ marks a leading space; letters a-z, then merges into a few words. */
const BPE_MERGES = ['Ġ t', 'h e', 'Ġt he', 'Ġ a', 'Ġ p', 'a r', 'Ġp ar', 'i s', 'Ġpar is', 'Ġ j', 'o h', 'Ġj oh', 'Ġjoh n', 'Ġ b', 'e r', 'Ġb er', 'l i', 'Ġber li', 'Ġberli n', 'Ġ n', 'e w', 'Ġn ew'];

function byteLevelTokenizerJson(): { json: Record<string, unknown>; size: number } {
  const tokens = [...SPECIAL_BPE, 'Ġ', ...'abcdefghijklmnopqrstuvwxyz', '.', ',', ...BPE_MERGES.map((m) => m.replace(' ', ''))];
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_BPE.map((content, id) => ({ id, content, single_word: false, lstrip: content === '<mask>', rstrip: false, normalized: false, special: true })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges: BPE_MERGES },
  };
  return { json, size: tokens.length };
}

const SIZES = { hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 64 };

function fixtures(): TinyCheckpoint[] {
  const bpe = byteLevelTokenizerJson();
  const H = SIZES.hidden;
  const bertLike = {
    hidden_size: H,
    num_hidden_layers: SIZES.layers,
    num_attention_heads: SIZES.heads,
    intermediate_size: SIZES.intermediate,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    initializer_range: 0.02,
    position_embedding_type: 'absolute',
  };
  return [
    {
      name: 'tiny-bert',
      config: { architectures: ['BertForMaskedLM'], model_type: 'bert', ...bertLike, vocab_size: TINY_WORDPIECE_VOCAB.length, max_position_embeddings: SIZES.maxPositions, type_vocab_size: 2, layer_norm_eps: 1e-12, pad_token_id: 0 },
      tokenizer: wordPieceTokenizerJson(TINY_WORDPIECE_VOCAB, { lowercase: true }),
      tokenizerConfig: { tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: SIZES.maxPositions, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' },
      savedPrefix: 'bert.',
      extras: (rng) => [
        { name: 'bert.embeddings.position_ids', shape: [1, SIZES.maxPositions], data: Int32Array.from({ length: SIZES.maxPositions }, (_, i) => i) },
        { name: 'bert.pooler.dense.weight', shape: [H, H], data: values(H * H, 0.25, rng) },
        { name: 'bert.pooler.dense.bias', shape: [H], data: values(H, 0.1, rng) },
      ],
    },
    {
      name: 'tiny-roberta',
      config: { architectures: ['RobertaModel'], model_type: 'roberta', ...bertLike, vocab_size: bpe.size, max_position_embeddings: SIZES.maxPositions + 2, type_vocab_size: 1, layer_norm_eps: 1e-5, pad_token_id: 1, bos_token_id: 0, eos_token_id: 2 },
      tokenizer: bpe.json,
      tokenizerConfig: { tokenizer_class: 'RobertaTokenizer', model_max_length: SIZES.maxPositions, bos_token: '<s>', eos_token: '</s>', sep_token: '</s>', cls_token: '<s>', pad_token: '<pad>', unk_token: '<unk>', mask_token: '<mask>', add_prefix_space: false },
      savedPrefix: '',
      extras: () => [],
    },
    {
      name: 'tiny-distilbert',
      config: {
        architectures: ['DistilBertForMaskedLM'], model_type: 'distilbert', vocab_size: TINY_WORDPIECE_VOCAB.length, dim: H, n_layers: SIZES.layers, n_heads: SIZES.heads,
        hidden_dim: SIZES.intermediate, activation: 'gelu', max_position_embeddings: SIZES.maxPositions, dropout: 0.1, attention_dropout: 0.1, sinusoidal_pos_embds: false, pad_token_id: 0,
      },
      tokenizer: wordPieceTokenizerJson(TINY_WORDPIECE_VOCAB, { lowercase: true }),
      tokenizerConfig: { tokenizer_class: 'DistilBertTokenizer', do_lower_case: true, model_max_length: SIZES.maxPositions },
      savedPrefix: 'distilbert.',
      extras: () => [],
    },
  ];
}

export function writeTinyCheckpoints(outDir: string): string[] {
  return fixtures().map((fixture, i) => writeTinyCheckpoint(outDir, fixture, 1234 + i));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of writeTinyCheckpoints(process.argv[2] ?? 'testing/fixtures/hf')) console.log(`wrote ${dir}`);
}
