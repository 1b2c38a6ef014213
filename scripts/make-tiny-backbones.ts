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
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSafetensors, type NamedTensor } from '../src/core/checkpoint/safetensors';
import { makeRng, normal } from '../src/core/rng';
import { parseEncoderConfig } from '../src/model/hf/config';
import { encoderParams } from '../src/model/hf/paramNames';
import { byteLevelBpe, sentencePieceBpe, sentencePieceUnigram, type TinyTokenizer } from './tinyTokenizers';

interface Fixture {
  name: string;
  config: Record<string, unknown>;
  tokenizer: TinyTokenizer;
  tokenizerConfig: Record<string, unknown>;
  /** Prefix of the saved base-model names: 'model.' as a *ForCausalLM saves them, '' as a bare model does. */
  savedPrefix: string;
  /** Tensors a real checkpoint carries beside the encoder, which the loader must skip. */
  extras: (rng: () => number, H: number, V: number) => NamedTensor[];
  /** Split the weights over this many shards with a model.safetensors.index.json. */
  shards?: number;
}

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

function values(n: number, std: number, rng: () => number, mean = 0): Float32Array {
  return Float32Array.from({ length: n }, () => mean + std * normal(rng));
}

/** Random weights large enough that every nonlinearity (softmax, GELU, SiLU, the norms) is exercised. */
function weights(fixture: Fixture, seed: number): NamedTensor[] {
  const rng = makeRng(seed);
  const spec = parseEncoderConfig(fixture.config);
  const tensors = encoderParams(spec).map((p): NamedTensor => {
    const size = p.hfShape.reduce((a, b) => a * b, 1);
    const isNormWeight = p.kind === 'vector' && /(norm|LayerNorm)\.weight$/.test(p.name);
    const data =
      p.kind === 'table' ? values(size, 1, rng) : p.kind === 'linear' ? values(size, 1.5 / Math.sqrt(p.hfShape[1]), rng) : isNormWeight ? values(size, 0.2, rng, 1) : values(size, 0.2, rng);
    const name = p.head ? p.name : fixture.savedPrefix + p.name.slice(spec.basePrefix.length + 1);
    return { name, shape: p.hfShape, data };
  });
  return [...tensors, ...fixture.extras(rng, spec.hiddenSize, spec.vocabSize)];
}

export const TINY_BACKBONES = ['tiny-llama', 'tiny-mistral', 'tiny-qwen2', 'tiny-modernbert', 'tiny-deberta-v3', 'tiny-deberta-v2'] as const;

export function writeTinyBackbones(outDir: string): string[] {
  return fixtures().map((fixture, i) => {
    const dir = join(outDir, fixture.name);
    mkdirSync(dir, { recursive: true });
    const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
    writeFileSync(join(dir, 'config.json'), json(fixture.config));
    writeFileSync(join(dir, 'tokenizer.json'), json(fixture.tokenizer.json));
    writeFileSync(join(dir, 'tokenizer_config.json'), json(fixture.tokenizerConfig));
    const tensors = weights(fixture, 4321 + i);
    const shards = fixture.shards ?? 1;
    if (shards === 1) {
      writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors, { format: 'pt' }));
      return dir;
    }
    const weightMap: Record<string, string> = {};
    const per = Math.ceil(tensors.length / shards);
    for (let s = 0; s < shards; s++) {
      const file = `model-${String(s + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
      const part = tensors.slice(s * per, (s + 1) * per);
      for (const t of part) weightMap[t.name] = file;
      writeFileSync(join(dir, file), encodeSafetensors(part, { format: 'pt' }));
    }
    const totalSize = tensors.reduce((n, t) => n + t.data.byteLength, 0);
    writeFileSync(join(dir, 'model.safetensors.index.json'), json({ metadata: { total_size: totalSize }, weight_map: weightMap }));
    return dir;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of writeTinyBackbones(process.argv[2] ?? 'testing/fixtures/hf')) console.log(`wrote ${dir}`);
}
