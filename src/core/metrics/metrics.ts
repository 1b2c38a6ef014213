/** @file Entity-level precision, recall and F1 as seqeval computes them, the numbers NER papers compare. */
import type { EntityScores, Prf, Span } from '../types';
import { getSpans, getStrictSpans, detectScheme, type StrictScheme } from '../tags/tags';

/** Entity counts behind a score: exact matches, predicted entities, gold entities. */
export interface EntityCounts {
  correct: number;
  pred: number;
  gold: number;
}

export interface CountsBreakdown {
  total: EntityCounts;
  /** Every type seen in gold or predictions, sorted. */
  perType: Record<string, EntityCounts>;
  tokens: number;
  tokensRight: number;
}

/** seqeval's zero_division behaviour: an empty denominator scores 0 rather than NaN. */
function prf(c: EntityCounts): Prf {
  const precision = c.pred > 0 ? c.correct / c.pred : 0;
  const recall = c.gold > 0 ? c.correct / c.gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: c.gold };
}

const spanKey = (s: Span) => `${s.start}:${s.end}:${s.type}`;

/**
 * Counts exact (type, start, end) matches per sentence, overall and per type, plus tokens whose tag is right.
 * Strict mode needs a scheme; without one it is guessed from gold (IOB1 falls back to IOB2).
 * Throws when gold and pred disagree in shape: that is a caller bug, not bad data.
 */
export function countEntities(
  gold: readonly string[][],
  pred: readonly string[][],
  mode: 'default' | 'strict' = 'default',
  scheme?: StrictScheme,
): CountsBreakdown {
  if (gold.length !== pred.length) throw new Error(`entityScores: ${gold.length} gold sentences but ${pred.length} predicted`);
  let strictScheme: StrictScheme | undefined;
  if (mode === 'strict') {
    const detected = scheme ?? detectScheme(gold);
    strictScheme = detected === 'IOB1' ? 'IOB2' : detected;
  }
  const spansOf = (tags: string[]) => (strictScheme ? getStrictSpans(tags, strictScheme) : getSpans(tags));

  const total: EntityCounts = { correct: 0, pred: 0, gold: 0 };
  const byType = new Map<string, EntityCounts>();
  const countsFor = (type: string) => {
    let c = byType.get(type);
    if (!c) byType.set(type, (c = { correct: 0, pred: 0, gold: 0 }));
    return c;
  };
  let tokens = 0;
  let tokensRight = 0;

  for (let s = 0; s < gold.length; s++) {
    const g = gold[s];
    const p = pred[s];
    if (g.length !== p.length) throw new Error(`entityScores: sentence ${s} has ${g.length} gold tags but ${p.length} predicted`);
    tokens += g.length;
    for (let i = 0; i < g.length; i++) if (g[i] === p[i]) tokensRight++;

    const goldKeys = new Set<string>();
    for (const span of spansOf(g)) {
      goldKeys.add(spanKey(span));
      countsFor(span.type).gold++;
      total.gold++;
    }
    for (const span of spansOf(p)) {
      const c = countsFor(span.type);
      c.pred++;
      total.pred++;
      if (goldKeys.has(spanKey(span))) {
        c.correct++;
        total.correct++;
      }
    }
  }

  const perType: Record<string, EntityCounts> = {};
  for (const type of [...byType.keys()].sort()) perType[type] = byType.get(type)!;
  return { total, perType, tokens, tokensRight };
}

/**
 * Micro-averaged scores over exact (type, start, end) matches, per sentence, plus per-type scores and token accuracy.
 * perType covers every type seen in gold or predictions (seqeval v1), so a type only ever predicted shows up with
 * support 0 and f1 0. See countEntities for the modes and for when it throws.
 */
export function entityScores(
  gold: readonly string[][],
  pred: readonly string[][],
  mode: 'default' | 'strict' = 'default',
  scheme?: StrictScheme,
): EntityScores {
  return scoresFromCounts(countEntities(gold, pred, mode, scheme));
}

export function scoresFromCounts(counts: CountsBreakdown): EntityScores {
  const perType: Record<string, Prf> = {};
  for (const [type, c] of Object.entries(counts.perType)) perType[type] = prf(c);
  return { ...prf(counts.total), perType, accuracy: counts.tokens > 0 ? counts.tokensRight / counts.tokens : 0 };
}

/** Unweighted mean of the per-type F1 scores (seqeval's "macro avg"); 0 when there are no types. */
export function macroF1(s: EntityScores): number {
  const f1s = Object.values(s.perType).map((p) => p.f1);
  return f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0;
}
