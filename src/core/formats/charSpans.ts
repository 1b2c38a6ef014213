/**
 * @file Character-span records (doccano, Label Studio JSON-MIN: `{"text", "label": [[start, end, "TYPE"]]}`) to
 * tokens and IOB2 tags. Text is cut on whitespace with punctuation split off; a span that cuts a token splits it
 * there, with a warning, so the annotated characters are exactly the entity.
 */
import type { Sentence } from '../types';

export interface CharSpan {
  start: number;
  end: number;
  type: string;
}

/** A token and its character offsets in the record's text, end exclusive. */
export interface CharToken {
  text: string;
  start: number;
  end: number;
}

// Letters, digits, combining marks and format characters (zero-width joiners) make words; any other visible
// character is a token of its own, so "Obama's" is Obama ' s and a span on "Obama" falls on a token boundary.
const TOKEN = /[\p{L}\p{N}\p{M}\p{Cf}_]+|\S/gu;

/** Tokens of text, split additionally at every offset in cuts that falls inside a token. */
export function tokenizeWithOffsets(text: string, cuts: Iterable<number> = []): CharToken[] {
  const cutSet = new Set(cuts);
  const tokens: CharToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let start = m.index;
    const end = start + m[0].length;
    for (let i = start + 1; i < end; i++) {
      if (!cutSet.has(i)) continue;
      tokens.push({ text: text.slice(start, i), start, end: i });
      start = i;
    }
    tokens.push({ text: text.slice(start, end), start, end });
  }
  return tokens;
}

/** One annotation in any of the shapes the tools export: [s, e, T], {start, end, labels: [T]}, {start_offset, ...}. */
function readSpanItem(item: unknown): CharSpan | string {
  let start: unknown;
  let end: unknown;
  let type: unknown;
  if (Array.isArray(item)) [start, end, type] = item;
  else if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    start = o.start ?? o.start_offset;
    end = o.end ?? o.end_offset;
    type = o.label ?? o.labels;
    if (Array.isArray(type)) type = type[0];
  } else return `annotation ${JSON.stringify(item)} is neither [start, end, "TYPE"] nor an object`;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `annotation ${JSON.stringify(item)} has no integer start and end`;
  if (typeof type !== 'string' || type === '') return `annotation ${JSON.stringify(item)} has no type name`;
  return { start: start as number, end: end as number, type };
}

export interface CharSpanResult {
  sentence: Sentence | null;
  /** Problems with single annotations: the record is still used, without them. */
  warnings: string[];
  /** Why the whole record was unusable, when sentence is null. */
  error?: string;
}

const describe = (text: string, s: CharSpan) => `[${s.start}, ${s.end}, ${JSON.stringify(s.type)}] ${JSON.stringify(text.slice(s.start, s.end))}`;

/** The record's `label` / `labels` / `entities` list, checked against its text and cleared of overlaps. */
function readSpans(text: string, raw: unknown, warnings: string[]): CharSpan[] {
  if (raw !== undefined && !Array.isArray(raw)) warnings.push(`has annotations ${JSON.stringify(raw)} that are not a list; read as none`);
  const items = Array.isArray(raw) ? raw : [];
  const spans: CharSpan[] = [];
  for (const item of items) {
    const span = readSpanItem(item);
    if (typeof span === 'string') {
      warnings.push(`${span}; skipped`);
      continue;
    }
    if (span.start < 0 || span.end > text.length || span.start >= span.end) {
      const what = `annotation [${span.start}, ${span.end}, ${JSON.stringify(span.type)}]`;
      warnings.push(`${what} does not fit the ${text.length} characters of the text; skipped`);
      continue;
    }
    // Tools often take a neighbouring space into a selection; the entity is the visible characters.
    while (span.start < span.end && /\s/.test(text[span.start])) span.start++;
    while (span.end > span.start && /\s/.test(text[span.end - 1])) span.end--;
    if (span.start === span.end) warnings.push(`annotation of type ${span.type} covers only whitespace; skipped`);
    else spans.push(span);
  }
  // Flat tags hold no nesting: keep the earliest, longest span and drop those that overlap it.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CharSpan[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (!last || span.start >= last.end) kept.push(span);
    else warnings.push(`${describe(text, span)} overlaps ${describe(text, last)}; flat tags cannot nest, so it was skipped`);
  }
  return kept;
}

/** A doccano / Label Studio record to one sentence; line is only for the caller's messages. */
export function charSpanRecordToSentence(record: Record<string, unknown>, line: number): CharSpanResult {
  const warnings: string[] = [];
  const text = record.text;
  if (typeof text !== 'string') return { sentence: null, warnings, error: 'has "text" that is not a string' };
  const spans = readSpans(text, record.label ?? record.labels ?? record.entities, warnings);

  const plain = tokenizeWithOffsets(text);
  const inside = (at: number) => plain.some((t) => t.start < at && at < t.end);
  const cuts: number[] = [];
  for (const span of spans) {
    const cut = [span.start, span.end].filter(inside);
    if (cut.length === 0) continue;
    const word = plain.find((t) => t.start < cut[0] && cut[0] < t.end)!;
    warnings.push(`${describe(text, span)} cuts the token ${JSON.stringify(word.text)}; the token was split at the span's edge`);
    cuts.push(...cut);
  }
  const tokens = cuts.length > 0 ? tokenizeWithOffsets(text, cuts) : plain;
  if (tokens.length === 0) return { sentence: null, warnings };

  const tags = tokens.map(() => 'O');
  let t = 0;
  for (const span of spans) {
    while (t < tokens.length && tokens[t].end <= span.start) t++;
    for (let k = t; k < tokens.length && tokens[k].start < span.end; k++) tags[k] = `${k === t ? 'B' : 'I'}-${span.type}`;
  }
  return { sentence: { tokens: tokens.map((tok) => tok.text), tags, line }, warnings };
}
