/**
 * @file tokenizer.json files for the tiny backbone fixtures (scripts/make-tiny-backbones.ts), one
 * per tokenizer style the new architectures ship: byte-level BPE behind a Llama-3 / Qwen2 regex
 * split or GPT-2's (ModernBERT), SentencePiece BPE with byte fallback behind a Metaspace
 * pre-tokenizer (Mistral, Llama-2), and SentencePiece Unigram (DeBERTa-v3). The vocabularies are
 * small, with merges and pieces for the words of the tests, so most other words split into pieces.
 */

type Json = Record<string, unknown>;

/** Words the merges and pieces spell out whole; the rest of the text falls back to smaller pieces. */
const WORDS = ['the', 'in', 'of', 'and', 'said', 'John', 'Smith', 'Mary', 'Paris', 'London', 'Berlin', 'New', 'York', 'bank', 'minister', 'Reuters', 'United', 'Nations', 'Anna', 'Oslo', 'Acme', 'Corp'];

/** GPT-2's reversible map from bytes to printable characters (bytes_to_unicode). */
export function byteToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const table: string[] = Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) table[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return table;
}

/** Merges that build each word left to right from its characters ('a b', 'ab c', ...), deduplicated, in order. */
function mergesFor(words: readonly string[]): string[] {
  const merges: string[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    const chars = [...word];
    let left = chars[0];
    for (const c of chars.slice(1)) {
      const merge = `${left} ${c}`;
      if (!seen.has(merge)) {
        seen.add(merge);
        merges.push(merge);
      }
      left += c;
    }
  }
  return merges;
}

const unique = (tokens: string[]) => [...new Set(tokens)];

const special = (tokens: readonly string[], first = 0) =>
  tokens.map((content, i) => ({ id: first + i, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));

const template = (prefix: string[], suffix: string[], ids: Record<string, number>) => ({
  type: 'TemplateProcessing',
  single: [...prefix.map((id) => ({ SpecialToken: { id, type_id: 0 } })), { Sequence: { id: 'A', type_id: 0 } }, ...suffix.map((id) => ({ SpecialToken: { id, type_id: 0 } }))],
  pair: [],
  special_tokens: Object.fromEntries([...prefix, ...suffix].map((t) => [t, { id: t, ids: [ids[t]], tokens: [t] }])),
});

/** Regex splits of Llama-3 (digits in runs of up to three), Qwen2 (single digits) and GPT-2. */
export const SPLIT_PATTERNS = {
  llama3: "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  qwen2: "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
};

export interface TinyTokenizer {
  json: Json;
  vocabSize: number;
  ids: Record<string, number>;
}

/**
 * Byte-level BPE: the 256 byte characters, then merges for the test words (with their leading
 * space, 'Ġ'), a few pieces, and the special tokens after them, as Llama-3 and Qwen2 number theirs.
 * style 'gpt2' is ModernBERT's (GPT-2 pre-tokenizer regex inside ByteLevel, [CLS] ... [SEP]).
 */
export function byteLevelBpe(style: 'llama3' | 'qwen2' | 'gpt2'): TinyTokenizer {
  const bytes = byteToUnicode();
  const space = bytes[32];
  const pieces = [...WORDS.map((w) => space + w), 'ing', 'er', 'ed', space + '20', '00', '24'];
  const merges = mergesFor(pieces);
  const tokens = unique([...bytes, ...merges.map((m) => m.replace(' ', ''))]);
  const specials = style === 'gpt2' ? ['[UNK]', '[CLS]', '[SEP]', '[PAD]', '[MASK]'] : style === 'llama3' ? ['<|begin_of_text|>', '<|end_of_text|>', '<|pad|>'] : ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
  const ids: Record<string, number> = {};
  [...tokens, ...specials].forEach((t, i) => {
    if (!(t in ids)) ids[t] = i;
  });
  const vocab = Object.fromEntries(tokens.map((t) => [t, ids[t]]));
  const byteLevel = (useRegex: boolean) => ({ type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: useRegex });
  const preTokenizer =
    style === 'gpt2'
      ? byteLevel(true)
      : { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: SPLIT_PATTERNS[style] }, behavior: 'Isolated', invert: false }, byteLevel(false)] };
  const postProcessor = style === 'gpt2' ? template(['[CLS]'], ['[SEP]'], ids) : style === 'llama3' ? template(['<|begin_of_text|>'], [], ids) : { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content) => ({ ...special([content], ids[content])[0] })),
    normalizer: style === 'qwen2' ? { type: 'NFC' } : null,
    pre_tokenizer: preTokenizer,
    post_processor: postProcessor,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: style === 'llama3', vocab, merges },
  };
  return { json, vocabSize: tokens.length + specials.length, ids };
}

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,\'-éüöäç'];

/** SentencePiece BPE as Mistral and Llama-2 ship it: <unk> <s> </s>, 256 byte tokens, '▁' pieces; unknown characters fall back to bytes. */
export function sentencePieceBpe(): TinyTokenizer {
  const specials = ['<unk>', '<s>', '</s>'];
  const byteTokens = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
  const pieces = [...WORDS.map((w) => `▁${w}`), '▁2', '▁1', 'ing', 'er'];
  const merges = mergesFor(pieces);
  const tokens = unique([...specials, ...byteTokens, '▁', ...LETTERS, ...merges.map((m) => m.replace(' ', ''))]);
  const ids: Record<string, number> = {};
  tokens.forEach((t, i) => {
    if (!(t in ids)) ids[t] = i;
  });
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special(specials),
    normalizer: null,
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false },
    post_processor: template(['<s>'], [], ids),
    decoder: { type: 'Sequence', decoders: [{ type: 'Replace', pattern: { String: '▁' }, content: ' ' }, { type: 'ByteFallback' }, { type: 'Fuse' }, { type: 'Strip', content: ' ', start: 1, stop: 0 }] },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true, byte_fallback: true, ignore_merges: false, vocab: Object.fromEntries(Object.entries(ids)), merges },
  };
  return { json, vocabSize: Object.keys(ids).length, ids };
}

/** SentencePiece Unigram as DeBERTa-v3 ships it: [PAD] [CLS] [SEP] [UNK] [MASK], NFKC, Metaspace, scored pieces. */
export function sentencePieceUnigram(): TinyTokenizer {
  const specials = ['[PAD]', '[CLS]', '[SEP]', '[UNK]', '[MASK]'];
  const pieces: [string, number][] = [['▁', -2]];
  LETTERS.forEach((c, i) => pieces.push([c, -6 - (i % 7) * 0.25]));
  WORDS.forEach((w, i) => pieces.push([`▁${w}`, -4 - (i % 5) * 0.5]));
  for (const sub of ['▁Z', 'ür', 'ich', '▁Mü', 'ller', 'ing', 'er', '▁na', 'ïve', '▁20', '24', '▁S', 'ão', '▁fi', 'ne', "'t", '▁don']) pieces.push([sub, -5]);
  const vocab: [string, number][] = [...specials.map((s): [string, number] => [s, 0]), ...pieces];
  const ids: Record<string, number> = {};
  vocab.forEach(([t], i) => {
    if (!(t in ids)) ids[t] = i;
  });
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special(specials),
    normalizer: { type: 'NFKC' },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: template(['[CLS]'], ['[SEP]'], ids),
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: ids['[UNK]'], byte_fallback: false, vocab },
  };
  return { json, vocabSize: vocab.length, ids };
}
