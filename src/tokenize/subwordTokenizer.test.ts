import { describe, expect, test } from 'vitest';
import { loadCheckpointTokenizer, loadSubwordTokenizer } from './subwordTokenizer';
import { byteLevelBpeJson, unigramJson, wordPieceJson, WORDPIECE_VOCAB } from '../../testing/tokenizers';
import { parseVocabTxt, wordPieceTokenizerJson } from './wordPieceJson';

const tokenizers = {
  wordpiece: loadSubwordTokenizer(wordPieceJson(true)),
  cased: loadSubwordTokenizer(wordPieceJson(false)),
  bpe: loadSubwordTokenizer(byteLevelBpeJson()),
  unigram: loadSubwordTokenizer(unigramJson()),
};

describe('loadSubwordTokenizer', () => {
  test.each([
    { name: 'wordpiece', kind: 'wordpiece', prefix: [2], suffix: [3], pad: 0, unk: 1 },
    { name: 'bpe', kind: 'bpe', prefix: [0], suffix: [2], pad: 1, unk: null },
    { name: 'unigram', kind: 'unigram', prefix: [0], suffix: [2], pad: 1, unk: 3 },
  ] as const)('$name: kind and special tokens', ({ name, kind, prefix, suffix, pad, unk }) => {
    const t = tokenizers[name];
    expect(t.kind).toBe(kind);
    expect(t.prefixIds).toEqual(prefix);
    expect(t.suffixIds).toEqual(suffix);
    expect(t.padId).toBe(pad);
    expect(t.unkId).toBe(unk);
  });

  test.each([
    { name: 'wordpiece', word: 'John', pieces: ['john'] },
    { name: 'wordpiece', word: 'unaffable', pieces: ['un', '##aff', '##able'] },
    { name: 'wordpiece', word: 'Yorks', pieces: ['york', '##s'] },
    { name: 'wordpiece', word: 'Zürich', pieces: ['[UNK]'] },
    { name: 'wordpiece', word: '\u200b', pieces: ['[UNK]'] }, // normalises to nothing: still one piece
    { name: 'cased', word: 'John', pieces: ['[UNK]'] },
    { name: 'cased', word: 'john', pieces: ['john'] },
    // each word is encoded as if after a space, as RoBERTa's add_prefix_space=True does
    { name: 'bpe', word: 'hello', pieces: ['Ġhello'] },
    { name: 'bpe', word: 'hell', pieces: ['Ġhell'] },
    { name: 'bpe', word: 'world', pieces: ['Ġw', 'or', 'l', 'd'] },
    { name: 'unigram', word: 'hello', pieces: ['▁hello'] },
    { name: 'unigram', word: 'world', pieces: ['▁wor', 'ld'] },
    { name: 'unigram', word: 'hellox', pieces: ['▁hello', '<unk>'] },
  ] as const)('$name encodes "$word" as $pieces', ({ name, word, pieces }) => {
    const t = tokenizers[name];
    expect(t.encodeWord(word).map((id) => t.tokenOf(id))).toEqual(pieces);
    expect(t.encodeWord(word)).toBe(t.encodeWord(word)); // cached
  });

  test('special tokens come from tokenizer_config when there is no post-processor', () => {
    const json = { ...byteLevelBpeJson(), post_processor: null };
    const t = loadSubwordTokenizer(json, { bos_token: { content: '<s>' }, eos_token: '</s>', pad_token: '<pad>', model_max_length: 512 });
    expect([t.prefixIds, t.suffixIds, t.padId, t.modelMaxLength]).toEqual([[0], [2], 1, 512]);
  });

  test('an absurd model_max_length (the "unset" sentinel) reads as none', () => {
    expect(loadSubwordTokenizer(wordPieceJson(), { model_max_length: 1e30 }).modelMaxLength).toBeNull();
  });

  test.each([
    { what: 'no model', json: {}, error: /"model"/ },
    { what: 'unknown model', json: { model: { type: 'WordLevel', vocab: {} } }, error: /'WordLevel'/ },
  ])('refuses $what', ({ json, error }) => {
    expect(() => loadSubwordTokenizer(json)).toThrow(error);
  });
});

describe('wordPieceTokenizerJson', () => {
  test('vocab.txt lines are ids; a vocabulary without [UNK] is refused', () => {
    expect(parseVocabTxt('[PAD]\r\n[UNK]\nfoo\n')).toEqual(['[PAD]', '[UNK]', 'foo']);
    expect(() => wordPieceTokenizerJson(['[PAD]', 'a'], { lowercase: true })).toThrow(/\[UNK\]/);
    const t = loadSubwordTokenizer(wordPieceTokenizerJson(WORDPIECE_VOCAB, { lowercase: true }));
    expect(t.vocabSize).toBe(WORDPIECE_VOCAB.length);
  });
});

describe('loadCheckpointTokenizer', () => {
  const vocabTxt = new TextEncoder().encode(`${WORDPIECE_VOCAB.join('\n')}\n`);
  test.each([
    { what: 'lowercased by default', config: {}, pieces: ['john'] },
    { what: 'cased when do_lower_case is false', config: { do_lower_case: false }, pieces: ['[UNK]'] },
  ])('builds a WordPiece tokenizer from vocab.txt alone, $what', ({ config, pieces }) => {
    const t = loadCheckpointTokenizer({ tokenizerJson: null, tokenizerConfig: config, tokenizerFiles: new Map([['vocab.txt', vocabTxt]]) });
    expect([t.prefixIds, t.suffixIds]).toEqual([[2], [3]]);
    expect(t.encodeWord('John').map((id) => t.tokenOf(id))).toEqual(pieces);
  });

  test('prefers tokenizer.json, and needs one of the two', () => {
    const t = loadCheckpointTokenizer({ tokenizerJson: unigramJson(), tokenizerConfig: {}, tokenizerFiles: new Map([['vocab.txt', vocabTxt]]) });
    expect(t.kind).toBe('unigram');
    expect(() => loadCheckpointTokenizer({ tokenizerJson: null, tokenizerConfig: {}, tokenizerFiles: new Map() })).toThrow(/neither/);
  });
});
