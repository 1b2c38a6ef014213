/**
 * @file Writes tiny checkpoints of the newer backbones in the Hugging Face layout, seeded random
 * weights, as test fixtures next to make-tiny-bert.ts' ones:
 *   tiny-llama       LlamaForCausalLM, grouped-query attention, llama3 rope scaling, Llama-3 byte-level BPE, sharded weights
 *   tiny-mistral     MistralForCausalLM, sliding window 4, tied embeddings, SentencePiece BPE with byte fallback
 *   tiny-qwen2       bare Qwen2Model, q/k/v biases, a sliding window on layer 1 only, Qwen2 byte-level BPE (NFC)
 *   tiny-modernbert  ModernBertForMaskedLM, global / local attention, GeGLU, its prediction head, GPT-2 byte-level BPE
 *   tiny-deberta-v3  DebertaV2ForMaskedLM as v3: log-bucketed relative positions, SentencePiece Unigram
 *   tiny-deberta-v2  bare DebertaV2Model as v2: clipped distances, absolute positions, token types, a projected embedding
 * scripts/backbone_reference.py computes their forward passes and tokenizations independently in PyTorch.
 *
 *   npx tsx scripts/make-tiny-backbones.ts [outDir]    (default testing/fixtures/hf)
 */
import { values, writeTinyCheckpoint, type TinyCheckpoint } from './tinyCheckpoint';
import { byteLevelBpe, sentencePieceBpe, sentencePieceUnigram, type TinyTokenizer } from './tinyTokenizers';

/** A fixture whose tokenizer is one of tinyTokenizers.ts'. */
type Fixture = Omit<TinyCheckpoint, 'tokenizer'> & { tokenizer: TinyTokenizer };

const H = 32;
const decoderBase = { hidden_size: H, intermediate_size: 48, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, hidden_act: 'silu', max_position_embeddings: 64, initializer_range: 0.02, attention_dropout: 0.0 };
const encoderBase = { hidden_size: H, intermediate_size: 48, num_attention_heads: 4, max_position_embeddings: 64, initializer_range: 0.02 };

function fixtures(): Fixture[] {
  const llamaTok = byteLevelBpe('llama3');
  const qwenTok = byteLevelBpe('qwen2');
  const mistralTok = sentencePieceBpe();
  const modernTok = byteLevelBpe('gpt2');
  const debertaTok = sentencePieceUnigram();
  return [
    {
      name: 'tiny-llama',
      config: {
        architectures: ['LlamaForCausalLM'], model_type: 'llama', ...decoderBase, vocab_size: llamaTok.vocabSize, rms_norm_eps: 1e-5, rope_theta: 500000,
        rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 16 },
        attention_bias: false, mlp_bias: false, tie_word_embeddings: false, bos_token_id: llamaTok.ids['<|begin_of_text|>'], eos_token_id: llamaTok.ids['<|end_of_text|>'],
      },
      tokenizer: llamaTok,
      tokenizerConfig: { tokenizer_class: 'PreTrainedTokenizerFast', bos_token: '<|begin_of_text|>', eos_token: '<|end_of_text|>', pad_token: '<|pad|>', model_max_length: 64 },
      savedPrefix: 'model.',
      extras: (rng, h, v) => [{ name: 'lm_head.weight', shape: [v, h], data: values(v * h, 0.2, rng) }],
      shards: 2,
    },
    {
      name: 'tiny-mistral',
      config: { architectures: ['MistralForCausalLM'], model_type: 'mistral', ...decoderBase, head_dim: 8, vocab_size: mistralTok.vocabSize, rms_norm_eps: 1e-5, rope_theta: 10000, sliding_window: 4, tie_word_embeddings: true, bos_token_id: 1, eos_token_id: 2 },
      tokenizer: mistralTok,
      tokenizerConfig: { tokenizer_class: 'LlamaTokenizer', bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', add_bos_token: true, add_eos_token: false, model_max_length: 64, legacy: false },
      savedPrefix: 'model.',
      extras: () => [],
    },
    {
      name: 'tiny-qwen2',
      config: {
        architectures: ['Qwen2Model'], model_type: 'qwen2', ...decoderBase, vocab_size: qwenTok.vocabSize, rms_norm_eps: 1e-6, rope_theta: 1000000,
        use_sliding_window: true, sliding_window: 5, max_window_layers: 1, tie_word_embeddings: true, bos_token_id: null, eos_token_id: qwenTok.ids['<|endoftext|>'],
      },
      tokenizer: qwenTok,
      tokenizerConfig: { tokenizer_class: 'Qwen2Tokenizer', bos_token: null, eos_token: '<|endoftext|>', pad_token: '<|endoftext|>', model_max_length: 64 },
      savedPrefix: '',
      extras: () => [],
    },
    {
      name: 'tiny-modernbert',
      config: {
        architectures: ['ModernBertForMaskedLM'], model_type: 'modernbert', ...encoderBase, num_hidden_layers: 3, vocab_size: modernTok.vocabSize, hidden_activation: 'gelu', norm_eps: 1e-5, norm_bias: false,
        global_rope_theta: 160000, local_rope_theta: 10000, global_attn_every_n_layers: 2, local_attention: 8, attention_bias: false, mlp_bias: false, classifier_bias: false, classifier_activation: 'gelu',
        embedding_dropout: 0, attention_dropout: 0, mlp_dropout: 0, pad_token_id: modernTok.ids['[PAD]'], cls_token_id: modernTok.ids['[CLS]'], sep_token_id: modernTok.ids['[SEP]'], tie_word_embeddings: true,
      },
      tokenizer: modernTok,
      tokenizerConfig: { tokenizer_class: 'PreTrainedTokenizerFast', cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]', model_max_length: 64 },
      savedPrefix: 'model.',
      extras: (rng, _h, v) => [{ name: 'decoder.bias', shape: [v], data: values(v, 0.1, rng) }],
    },
    {
      name: 'tiny-deberta-v3',
      config: {
        architectures: ['DebertaV2ForMaskedLM'], model_type: 'deberta-v2', ...encoderBase, num_hidden_layers: 2, vocab_size: debertaTok.vocabSize, hidden_act: 'gelu', hidden_dropout_prob: 0.1, attention_probs_dropout_prob: 0.1,
        type_vocab_size: 0, layer_norm_eps: 1e-7, relative_attention: true, max_relative_positions: 32, position_buckets: 8, norm_rel_ebd: 'layer_norm', share_att_key: true, pos_att_type: ['p2c', 'c2p'], position_biased_input: false, pad_token_id: 0,
      },
      tokenizer: debertaTok,
      tokenizerConfig: { tokenizer_class: 'DebertaV2Tokenizer', do_lower_case: false, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]', model_max_length: 64 },
      savedPrefix: 'deberta.',
      extras: (rng, h) => [
        { name: 'lm_predictions.lm_head.dense.weight', shape: [h, h], data: values(h * h, 0.2, rng) },
        { name: 'lm_predictions.lm_head.dense.bias', shape: [h], data: values(h, 0.1, rng) },
      ],
    },
    {
      name: 'tiny-deberta-v2',
      config: {
        architectures: ['DebertaV2Model'], model_type: 'deberta-v2', ...encoderBase, num_hidden_layers: 2, vocab_size: debertaTok.vocabSize, hidden_act: 'gelu', embedding_size: 24,
        type_vocab_size: 2, layer_norm_eps: 1e-7, relative_attention: true, max_relative_positions: 16, position_buckets: -1, norm_rel_ebd: 'none', share_att_key: true, pos_att_type: 'p2c|c2p', position_biased_input: true, pad_token_id: 0,
      },
      tokenizer: debertaTok,
      tokenizerConfig: { tokenizer_class: 'DebertaV2Tokenizer', do_lower_case: false, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]', model_max_length: 64 },
      savedPrefix: '',
      extras: () => [],
    },
  ];
}

export const TINY_BACKBONES = ['tiny-llama', 'tiny-mistral', 'tiny-qwen2', 'tiny-modernbert', 'tiny-deberta-v3', 'tiny-deberta-v2'] as const;

export function writeTinyBackbones(outDir: string): string[] {
  return fixtures().map((fixture, i) => writeTinyCheckpoint(outDir, { ...fixture, tokenizer: fixture.tokenizer.json }, 4321 + i));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of writeTinyBackbones(process.argv[2] ?? 'testing/fixtures/hf')) console.log(`wrote ${dir}`);
}
