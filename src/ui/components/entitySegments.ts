/** @file A sentence cut into runs of plain tokens and entities, for highlighting; the text stays text. */
import type { Span } from '../../core/types';

export interface Segment {
  /** Tokens joined by spaces. */
  text: string;
  /** Entity type, or null for tokens outside every given span. */
  type: string | null;
  /** Token range, end exclusive. */
  start: number;
  end: number;
}

/** Spans must not overlap (one side's entities never do); ones past the sentence end are clipped. */
export function segmentTokens(tokens: readonly string[], spans: readonly Span[]): Segment[] {
  const out: Segment[] = [];
  const plain = (start: number, end: number) => {
    if (end > start) out.push({ text: tokens.slice(start, end).join(' '), type: null, start, end });
  };
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, at);
    const end = Math.min(span.end, tokens.length);
    if (end <= start) continue;
    plain(at, start);
    out.push({ text: tokens.slice(start, end).join(' '), type: span.type, start, end });
    at = end;
  }
  plain(at, tokens.length);
  return out;
}

const KNOWN = ['PER', 'ORG', 'LOC', 'MISC'];
/** The CSS class suffix of an entity type: entity-per, entity-org, entity-loc, entity-misc or entity-other. */
export const entityClass = (type: string) => (KNOWN.includes(type) ? type.toLowerCase() : 'other');
