/**
 * @file Where a tagger goes wrong: every gold and every predicted entity lands in exactly one bucket, and a
 * token-level confusion matrix shows which tags are mistaken for which.
 *
 * Buckets come from groups of overlapping entities (gold and predicted spans linked when they share a token, taken
 * transitively). A group of one gold and one predicted span is correct, wrong type (same tokens), wrong boundary
 * (same type) or both; a lone gold span is missed, a lone predicted span spurious; a larger group (one gold entity
 * split in two, say) is wrong boundary if all its types agree, else wrong type and boundary. No pairing heuristics.
 */
import { detectScheme, getSpans, getStrictSpans, splitTag, type StrictScheme } from '../tags/tags';
import type { Span } from '../types';

export const ERROR_BUCKETS = ['correct', 'missed', 'spurious', 'wrongType', 'wrongBoundary', 'wrongTypeAndBoundary'] as const;
export type ErrorBucket = (typeof ERROR_BUCKETS)[number];

export interface ErrorCase {
  bucket: ErrorBucket;
  /** Sentence index. */
  sentence: number;
  gold: Span[];
  pred: Span[];
}

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[g][p]: tokens whose gold tag is labels[g] and predicted tag labels[p]. */
  matrix: number[][];
}

export interface ErrorAnalysis {
  cases: ErrorCase[];
  /** Entities per bucket, gold and predicted counted apart: the gold counts sum to the gold entities, likewise pred. */
  counts: Record<ErrorBucket, { gold: number; pred: number }>;
  confusion: ConfusionMatrix;
}

export interface ErrorOptions {
  /** Which entities count: the conlleval reading (default) or seqeval's strict one, as in entityScores. */
  mode?: 'default' | 'strict';
  /** Scheme for strict mode; default detected from gold (IOB1 read as IOB2), as entityScores does. */
  scheme?: StrictScheme;
}

function bucketOf(gold: Span[], pred: Span[]): ErrorBucket {
  if (pred.length === 0) return 'missed';
  if (gold.length === 0) return 'spurious';
  const sameType = [...gold, ...pred].every((s) => s.type === gold[0].type);
  if (gold.length === 1 && pred.length === 1 && gold[0].start === pred[0].start && gold[0].end === pred[0].end) {
    return sameType ? 'correct' : 'wrongType';
  }
  return sameType ? 'wrongBoundary' : 'wrongTypeAndBoundary';
}

/** Buckets for one sentence's spans. Spans on each side never overlap each other, so a sweep finds the groups. */
export function classifySpans(gold: Span[], pred: Span[]): Omit<ErrorCase, 'sentence'>[] {
  const all = [...gold.map((span) => ({ span, gold: true })), ...pred.map((span) => ({ span, gold: false }))];
  all.sort((a, b) => a.span.start - b.span.start || Number(b.gold) - Number(a.gold));
  const cases: Omit<ErrorCase, 'sentence'>[] = [];
  let group: { gold: Span[]; pred: Span[] } = { gold: [], pred: [] };
  let groupEnd = -1;
  const flush = () => {
    if (group.gold.length + group.pred.length > 0) cases.push({ bucket: bucketOf(group.gold, group.pred), ...group });
    group = { gold: [], pred: [] };
  };
  for (const { span, gold: isGold } of all) {
    if (span.start >= groupEnd) {
      flush();
      groupEnd = span.end;
    } else groupEnd = Math.max(groupEnd, span.end);
    (isGold ? group.gold : group.pred).push(span);
  }
  flush();
  return cases;
}

const PREFIX_ORDER = 'BIESLU';

/** O first, then by type, then B I E S L U within a type, so a type's tags sit together in the matrix. */
function tagOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'O') return -1;
  if (b === 'O') return 1;
  const x = splitTag(a);
  const y = splitTag(b);
  if (x.type !== y.type) return x.type < y.type ? -1 : 1;
  return PREFIX_ORDER.indexOf(x.prefix) - PREFIX_ORDER.indexOf(y.prefix) || (a < b ? -1 : 1);
}

export function confusionMatrix(gold: readonly string[][], pred: readonly string[][]): ConfusionMatrix {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  gold.forEach((g, s) => {
    g.forEach((tag, i) => {
      const p = pred[s][i];
      seen.add(tag).add(p);
      const key = `${tag}\u0001${p}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  });
  const labels = [...seen].sort(tagOrder);
  const matrix = labels.map((g) => labels.map((p) => counts.get(`${g}\u0001${p}`) ?? 0));
  return { labels, matrix };
}

/** Throws when gold and pred differ in shape, as entityScores does: that is a caller bug, not bad data. */
export function analyzeErrors(gold: readonly string[][], pred: readonly string[][], options: ErrorOptions = {}): ErrorAnalysis {
  if (gold.length !== pred.length) throw new Error(`analyzeErrors: ${gold.length} gold sentences but ${pred.length} predicted`);
  const detected = options.scheme ?? detectScheme(gold);
  const scheme: StrictScheme = detected === 'IOB1' ? 'IOB2' : detected;
  const spansOf = (tags: string[]) => (options.mode === 'strict' ? getStrictSpans(tags, scheme) : getSpans(tags));
  const cases: ErrorCase[] = [];
  const counts = Object.fromEntries(ERROR_BUCKETS.map((b) => [b, { gold: 0, pred: 0 }])) as ErrorAnalysis['counts'];
  gold.forEach((g, s) => {
    if (g.length !== pred[s].length) throw new Error(`analyzeErrors: sentence ${s} has ${g.length} gold tags but ${pred[s].length} predicted`);
    for (const c of classifySpans(spansOf(g), spansOf(pred[s]))) {
      cases.push({ ...c, sentence: s });
      counts[c.bucket].gold += c.gold.length;
      counts[c.bucket].pred += c.pred.length;
    }
  });
  return { cases, counts, confusion: confusionMatrix(gold, pred) };
}
