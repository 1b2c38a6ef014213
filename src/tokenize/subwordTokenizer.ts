/**
 * @file A checkpoint's own subword tokenizer (WordPiece for BERT / DistilBERT, byte-level BPE for
 * RoBERTa, SentencePiece Unigram for XLM-R), built from its tokenizer.json with
 * `@huggingface/tokenizers`. CoNLL text comes already split into words, and that library returns
 * no word ids, so we encode word by word, without special tokens, and add the special tokens
 * ourselves (what `transformers` does for `is_split_into_words=True`).
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { parseVocabTxt, wordPieceTokenizerJson } from './wordPieceJson';

export type SubwordKind = 'wordpiece' | 'bpe' | 'unigram';

export interface SubwordTokenizer {
  readonly kind: SubwordKind;
  readonly vocabSize: number;
  /** Special tokens before and after every sequence: [CLS] / [SEP] for BERT, <s> / </s> for RoBERTa. */
  readonly prefixIds: readonly number[];
  readonly suffixIds: readonly number[];
  readonly padId: number;
  readonly unkId: number | null;
  /** The largest sequence length the tokenizer was configured for (tokenizer_config's model_max_length), if any. */
  readonly modelMaxLength: number | null;
  /** A word's pieces, never empty: a word that normalises to nothing becomes the unknown token. */
  encodeWord(word: string): readonly number[];
  tokenOf(id: number): string | undefined;
}

type Json = Record<string, unknown>;

const MODEL_KINDS: Record<string, SubwordKind> = { WordPiece: 'wordpiece', BPE: 'bpe', Unigram: 'unigram' };
/** Word caches are bounded so a long-lived worker does not grow without end. */
const MAX_CACHED_WORDS = 200_000;

export function loadSubwordTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown = {}): SubwordTokenizer {
  if (!isObject(tokenizerJson) || !isObject(tokenizerJson.model)) throw new Error('tokenizer.json: expected an object with a "model" entry');
  const modelType = String(tokenizerJson.model.type ?? (tokenizerJson.model.vocab && Array.isArray(tokenizerJson.model.vocab) ? 'Unigram' : ''));
  const kind = MODEL_KINDS[modelType];
  if (!kind) throw new Error(`tokenizer.json: model type '${modelType}' is not supported (WordPiece, BPE or Unigram)`);
  const config = isObject(tokenizerConfig) ? tokenizerConfig : {};
  const json = tokenizerJson;
  // Words are encoded one at a time, each as if after a space (RoBERTa's add_prefix_space=True for
  // pre-split words): a byte-level tokenizer gets the space itself, before its regex split, so
  // "don't" becomes " don" + "'t" as in running text; Metaspace and WordPiece mark word starts alone.
  const wordPrefix = isByteLevel(json) ? ' ' : '';
  const tokenizer = new Tokenizer(json, config);
  const idOf = (token: unknown): number | null => {
    const text = tokenText(token);
    if (text === null) return null;
    return tokenizer.token_to_id(text) ?? null;
  };

  const { prefix, suffix } = specialTokensAround(json, config, idOf);
  const unkId = idOf(config.unk_token) ?? idOf((json.model as Json).unk_token) ?? unigramUnk(json.model as Json);
  const padding = isObject(json.padding) ? json.padding : null;
  const padId = (typeof padding?.pad_id === 'number' ? padding.pad_id : null) ?? idOf(config.pad_token) ?? idOf('[PAD]') ?? idOf('<pad>') ?? 0;
  const maxLength = Number(config.model_max_length);
  const cache = new Map<string, readonly number[]>();

  return {
    kind,
    vocabSize: tokenizer.get_vocab(true).size,
    prefixIds: prefix,
    suffixIds: suffix,
    padId,
    unkId,
    modelMaxLength: Number.isFinite(maxLength) && maxLength > 0 && maxLength < 1e6 ? maxLength : null,
    encodeWord(word: string): readonly number[] {
      const hit = cache.get(word);
      if (hit) return hit;
      let ids = tokenizer.encode(wordPrefix + word, { add_special_tokens: false }).ids;
      if (ids.length === 0) ids = [unkId ?? padId];
      if (cache.size >= MAX_CACHED_WORDS) cache.clear();
      cache.set(word, ids);
      return ids;
    },
    tokenOf: (id) => tokenizer.id_to_token(id),
  };
}

/**
 * The tokenizer of a checkpoint as model/hf/checkpoint.ts reads it: its tokenizer.json, or for an
 * older BERT only its vocab.txt (lowercased unless tokenizer_config says do_lower_case: false).
 */
export function loadCheckpointTokenizer(checkpoint: {
  tokenizerJson: Record<string, unknown> | null;
  tokenizerConfig: Record<string, unknown>;
  tokenizerFiles: ReadonlyMap<string, Uint8Array>;
}): SubwordTokenizer {
  const { tokenizerJson, tokenizerConfig } = checkpoint;
  if (tokenizerJson) return loadSubwordTokenizer(tokenizerJson, tokenizerConfig);
  const vocabTxt = checkpoint.tokenizerFiles.get('vocab.txt');
  if (!vocabTxt) throw new Error('The checkpoint has neither tokenizer.json nor vocab.txt');
  const vocab = parseVocabTxt(new TextDecoder().decode(vocabTxt));
  return loadSubwordTokenizer(wordPieceTokenizerJson(vocab, { lowercase: tokenizerConfig.do_lower_case !== false }), tokenizerConfig);
}

/** Whether the pre-tokenizer maps bytes to characters (GPT-2, RoBERTa, Llama-3, Qwen2, ModernBERT). */
export function isByteLevel(json: Json): boolean {
  const byteLevel = (p: unknown): boolean => isObject(p) && (p.type === 'ByteLevel' || (p.type === 'Sequence' && Array.isArray(p.pretokenizers) && p.pretokenizers.some(byteLevel)));
  return byteLevel(json.pre_tokenizer);
}

/** Reads the special tokens of a single sequence from the post-processor, else from tokenizer_config. */
function specialTokensAround(json: Json, config: Json, idOf: (t: unknown) => number | null): { prefix: number[]; suffix: number[] } {
  const processors = isObject(json.post_processor)
    ? json.post_processor.type === 'Sequence' && Array.isArray(json.post_processor.processors)
      ? (json.post_processor.processors as unknown[])
      : [json.post_processor]
    : [];
  for (const p of processors) {
    if (!isObject(p)) continue;
    if (p.type === 'TemplateProcessing' && Array.isArray(p.single)) {
      const specials = isObject(p.special_tokens) ? p.special_tokens : {};
      const prefix: number[] = [];
      const suffix: number[] = [];
      let seenSequence = false;
      for (const item of p.single as Json[]) {
        if ('Sequence' in item) {
          seenSequence = true;
          continue;
        }
        const id = (item.SpecialToken as Json | undefined)?.id;
        const entry = typeof id === 'string' ? specials[id] : undefined;
        const ids = isObject(entry) && Array.isArray(entry.ids) ? (entry.ids as number[]) : [idOf(id)].filter((x): x is number => x !== null);
        (seenSequence ? suffix : prefix).push(...ids);
      }
      return { prefix, suffix };
    }
    if ((p.type === 'RobertaProcessing' || p.type === 'BertProcessing') && Array.isArray(p.cls) && Array.isArray(p.sep)) {
      return { prefix: [Number(p.cls[1])], suffix: [Number(p.sep[1])] };
    }
  }
  // A post-processor that adds no special tokens (Qwen2's ByteLevel one) means none: decoders then
  // see the words alone, as transformers gives them.
  if (processors.length > 0) return { prefix: [], suffix: [] };
  const cls = idOf(config.cls_token) ?? idOf(config.bos_token);
  const sep = idOf(config.sep_token) ?? idOf(config.eos_token);
  return { prefix: cls === null ? [] : [cls], suffix: sep === null ? [] : [sep] };
}

function unigramUnk(model: Json): number | null {
  return typeof model.unk_id === 'number' ? model.unk_id : null;
}

/** tokenizer_config writes a token as a string or as an AddedToken object {content, ...}. */
function tokenText(token: unknown): string | null {
  if (typeof token === 'string') return token;
  if (isObject(token) && typeof token.content === 'string') return token.content;
  return null;
}

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
