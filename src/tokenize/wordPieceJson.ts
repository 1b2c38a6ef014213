/**
 * @file A BERT-style tokenizer.json built from a WordPiece vocabulary (one token per line of
 * vocab.txt), as `transformers`' BertConverter writes it. Older BERT checkpoints ship only
 * vocab.txt; the test fixtures build their tokenizer the same way.
 */

export interface WordPieceOptions {
  /** bert-base-uncased lowercases and strips accents; cased models keep both. */
  lowercase: boolean;
  unkToken?: string;
  clsToken?: string;
  sepToken?: string;
  padToken?: string;
  maskToken?: string;
}

/** Parses vocab.txt: one token per line, the line number is the id. */
export function parseVocabTxt(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function wordPieceTokenizerJson(vocab: readonly string[], options: WordPieceOptions): Record<string, unknown> {
  const { lowercase, unkToken = '[UNK]', clsToken = '[CLS]', sepToken = '[SEP]', padToken = '[PAD]', maskToken = '[MASK]' } = options;
  const ids: Record<string, number> = {};
  vocab.forEach((token, id) => {
    if (!(token in ids)) ids[token] = id;
  });
  const idOf = (token: string): number => {
    const id = ids[token];
    if (id === undefined) throw new Error(`WordPiece vocabulary lacks the special token '${token}'`);
    return id;
  };
  const specials = [padToken, unkToken, clsToken, sepToken, maskToken].filter((t) => t in ids);
  idOf(unkToken);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: clsToken, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: sepToken, type_id: 0 } }],
      pair: [
        { SpecialToken: { id: clsToken, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sepToken, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: sepToken, type_id: 1 } },
      ],
      special_tokens: {
        [clsToken]: { id: clsToken, ids: [idOf(clsToken)], tokens: [clsToken] },
        [sepToken]: { id: sepToken, ids: [idOf(sepToken)], tokens: [sepToken] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: unkToken, continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}
