/** @file Finding sentences in a split for the sentence browser, and cutting the matches into pages. */
import { getSpans } from '../../core/tags/tags';

/** One split's tokens and tags, as the prepared dataset carries them. */
export interface SplitTokens {
  tokens: readonly (readonly string[])[];
  tags: readonly (readonly string[])[];
}

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Indices of sentences whose text (tokens joined by single spaces) contains query, ignoring case, and, when type
 * is given, that hold an entity of that type. An empty query matches every sentence.
 */
export function matchSentences(split: SplitTokens, query: string, type = ''): number[] {
  const q = normalise(query);
  const out: number[] = [];
  split.tokens.forEach((tokens, i) => {
    if (q && !tokens.join(' ').toLowerCase().includes(q)) return;
    if (type && !getSpans([...split.tags[i]]).some((s) => s.type === type)) return;
    out.push(i);
  });
  return out;
}

export interface Page<T> {
  items: T[];
  /** 0-based, clamped into range. */
  page: number;
  /** At least 1, so "page 1 of 1" reads right for no results. */
  pages: number;
}

export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: items.slice(p * size, (p + 1) * size), page: p, pages };
}
