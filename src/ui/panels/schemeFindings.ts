/** @file The tag scheme check over a loaded dataset: the detected scheme and where tags break it, per split. */
import { findSchemeIssues, isRepairable, type SchemeIssueKind } from '../../core/tags/schemeCheck';
import { detectScheme, type TagScheme } from '../../core/tags/tags';
import type { SplitName } from '../../core/types';
import { SPLITS } from './datasetCharts';
import type { SplitTokens } from './sentenceSearch';

export interface SchemeFinding {
  split: SplitName;
  /** 0-based sentence and token positions in the split. */
  sentence: number;
  token: number;
  kind: SchemeIssueKind;
  /** Reads on from "sentence N token M ", as core/schemeCheck words it. */
  message: string;
  repairable: boolean;
}

export interface SchemeReport {
  /** Detected from every split's tags together. */
  scheme: TagScheme;
  total: number;
  byKind: Partial<Record<SchemeIssueKind, number>>;
  /** The first few findings in split, sentence and token order. */
  examples: SchemeFinding[];
}

export function schemeReport(splits: Record<SplitName, SplitTokens>, maxExamples = 20): SchemeReport {
  const scheme = detectScheme(SPLITS.flatMap((s) => splits[s].tags));
  const byKind: SchemeReport['byKind'] = {};
  const examples: SchemeFinding[] = [];
  let total = 0;
  for (const split of SPLITS) {
    splits[split].tags.forEach((tags, sentence) => {
      for (const { kind, token, message } of findSchemeIssues(tags, scheme)) {
        total++;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        if (examples.length < maxExamples) examples.push({ split, sentence, token, kind, message, repairable: isRepairable(kind) });
      }
    });
  }
  return { scheme, total, byKind, examples };
}
