/**
 * @file Tiny hand-written tokenizer.json files, one per tokenizer family, for the tests of this
 * folder and of the checkpoint loader. 
 */
import { wordPieceTokenizerJson } from '../src/tokenize/wordPieceJson';

export const WORDPIECE_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'john', 'lives', 'in', 'new', 'york', '##s', 'un', '##aff', '##able', '.', 'jo', '##hn', 'berlin'];

export function wordPieceJson(lowercase = true): Record<string, unknown> {
  return wordPieceTokenizerJson(WORDPIECE_VOCAB, { lowercase });
}

const special = (contents: string[]) =>
  contents.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));

/** RoBERTa-style: byte-level pre-tokenizer without a prefix space, as roberta-base ships it. */
export function byteLevelBpeJson(): Record<string, unknown> {
  const tokens = ['<s>', '<pad>', '</s>', '<unk>', 'Ġ', 'h', 'e', 'l', 'o', 'w', 'r', 'd', 'Ġh', 'll', 'Ġhe', 'Ġhell', 'Ġhello', 'Ġw', 'or'];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special(['<s>', '<pad>', '</s>', '<unk>']),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(tokens.map((t, i) => [t, i])),
      merges: ['Ġ h', 'l l', 'Ġh e', 'Ġhe ll', 'Ġhell o', 'Ġ w', 'o r'],
    },
  };
}

/** XLM-R-style: SentencePiece Unigram behind a Metaspace pre-tokenizer. */
export function unigramJson(): Record<string, unknown> {
  const pieces: [string, number][] = [
    ['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0],
    ['▁', -2], ['▁hel', -3], ['lo', -3], ['▁hello', -4], ['h', -5], ['e', -5], ['l', -5], ['o', -5], ['▁wor', -4], ['ld', -3],
  ];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special(['<s>', '<pad>', '</s>', '<unk>']),
    normalizer: null,
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [],
      special_tokens: { '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, byte_fallback: false, vocab: pieces },
  };
}
