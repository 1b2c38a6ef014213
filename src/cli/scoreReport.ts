/**
 * @file How `ner score` and `ner evaluate` print entity scores: conlleval's text report, or one JSON object. Both
 * commands go through printScores, so the same tags give byte-identical output.
 */
import { countEntities, macroF1, scoresFromCounts, type CountsBreakdown } from '../core/metrics/metrics';
import type { StrictScheme } from '../core/tags/tags';
import type { EntityScores } from '../core/types';

export type ScoreMode = 'default' | 'strict';

export const SCHEMES: Record<string, StrictScheme> = { iob2: 'IOB2', iobes: 'IOBES', bilou: 'BILOU' };

export interface ScoreOptions {
  mode?: ScoreMode;
  /** The scheme for strict mode; detected from gold when absent. */
  scheme?: StrictScheme;
  json?: boolean;
}

const pct = (x: number) => (100 * x).toFixed(2).padStart(6);

/** conlleval's report: a header of counts, the overall line, then one line per type ending in its predicted count. */
function conllevalText(c: CountsBreakdown, s: EntityScores): string {
  const lines = [
    `processed ${c.tokens} tokens with ${c.total.gold} phrases; found: ${c.total.pred} phrases; correct: ${c.total.correct}.`,
    `accuracy: ${pct(s.accuracy)}%; precision: ${pct(s.precision)}%; recall: ${pct(s.recall)}%; FB1: ${pct(s.f1)}`,
  ];
  for (const [type, p] of Object.entries(s.perType)) {
    lines.push(`${type.padStart(17)}: precision: ${pct(p.precision)}%; recall: ${pct(p.recall)}%; FB1: ${pct(p.f1)}  ${c.perType[type].pred}`);
  }
  lines.push(`macro average FB1: ${pct(macroF1(s))}`);
  return `${lines.join('\n')}\n`;
}

/** {"precision","recall","f1","accuracy","per_type":{TYPE:{"precision","recall","f1","support"}}}, fractions 0 to 1. */
export function scoresJson(s: EntityScores): string {
  const per_type = Object.fromEntries(
    Object.entries(s.perType).map(([t, p]) => [t, { precision: p.precision, recall: p.recall, f1: p.f1, support: p.support }]),
  );
  return `${JSON.stringify({ precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, per_type }, null, 2)}\n`;
}

/** Scores predicted against gold tags (seqeval's way) and prints them to stdout. */
export function printScores(gold: string[][], pred: string[][], options: ScoreOptions = {}): EntityScores {
  const counts = countEntities(gold, pred, options.mode ?? 'default', options.scheme);
  const scores = scoresFromCounts(counts);
  process.stdout.write(options.json ? scoresJson(scores) : conllevalText(counts, scores));
  return scores;
}
