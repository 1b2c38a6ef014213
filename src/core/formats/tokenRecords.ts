/**
 * @file Hugging Face datasets-style records, `{"tokens": [...], "ner_tags": [...]}`, to sentences. Tags are label
 * names, or class ids when the caller supplies the names (the dataset's features.ner_tags.feature.names).
 * Other per-token lists (pos_tags, chunk_tags) become extra columns, as a column file's middle columns do.
 */
import type { Sentence } from '../types';

const TAG_KEYS = ['ner_tags', 'tags'] as const;
const NOT_EXTRA = new Set(['tokens', 'id', ...TAG_KEYS]);

export interface TokenRecordResult {
  sentence: Sentence | null;
  /** Why the record was unusable, phrased to follow "FILE line N ". */
  error?: string;
  /** The record holds class ids and no label names were given: every later record will fail the same way. */
  needsLabels?: boolean;
}

/** Keys of the first record that hold one value per token: the extra columns every record must then have. */
export function extraKeysOf(record: Record<string, unknown>): string[] {
  const tokens = record.tokens;
  if (!Array.isArray(tokens)) return [];
  return Object.keys(record).filter((k) => {
    const v = record[k];
    if (NOT_EXTRA.has(k) || !Array.isArray(v) || v.length !== tokens.length) return false;
    return v.every((x) => typeof x === 'string' || typeof x === 'number');
  });
}

function tagName(tag: unknown, labels: readonly string[] | undefined): string | { error: string; needsLabels?: boolean } {
  if (typeof tag === 'string') return tag;
  if (typeof tag !== 'number' || !Number.isInteger(tag)) {
    return { error: `has the tag ${JSON.stringify(tag)}, which is neither a label name nor a class id` };
  }
  if (!labels) {
    const where = "ner --labels, or the dataset's features.ner_tags.feature.names";
    return { error: `has ner_tags that are class ids (${tag}, ...) and no label names were given; pass the label list (${where})`, needsLabels: true };
  }
  if (tag < 0 || tag >= labels.length) {
    return { error: `has class id ${tag} but the label list has ${labels.length} names (0 to ${labels.length - 1})` };
  }
  return labels[tag];
}

export function tokenRecordToSentence(
  record: Record<string, unknown>,
  line: number,
  extraKeys: readonly string[],
  labels?: readonly string[],
): TokenRecordResult {
  const tokens = record.tokens;
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) {
    return { sentence: null, error: 'has "tokens" that is not a list of strings' };
  }
  const tagKey = TAG_KEYS.find((k) => k in record);
  if (!tagKey) return { sentence: null, error: 'has tokens but no ner_tags' };
  const rawTags = record[tagKey];
  if (!Array.isArray(rawTags)) return { sentence: null, error: `has ${tagKey} that is not a list` };
  if (rawTags.length !== tokens.length) return { sentence: null, error: `has ${tokens.length} tokens but ${rawTags.length} ${tagKey}` };
  if (tokens.length === 0) return { sentence: null };

  const tags: string[] = [];
  for (const raw of rawTags) {
    const name = tagName(raw, labels);
    if (typeof name !== 'string') return { sentence: null, ...name };
    tags.push(name);
  }
  const extra: string[][] = [];
  for (const key of extraKeys) {
    const column = record[key];
    if (!Array.isArray(column) || column.length !== tokens.length) {
      return { sentence: null, error: `lacks the ${key} list of ${tokens.length} values that the first record has` };
    }
    extra.push(column.map(String));
  }
  return { sentence: { tokens: tokens as string[], tags, ...(extra.length > 0 ? { extra } : {}), line } };
}
