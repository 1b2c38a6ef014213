/**
 * @file A study's result files, rebuilt from its finished runs' folders after every run: metrics.csv (every run's
 * rows in the studio's long form, so "Import CSV log" opens it), summary.csv (a row per run), README.md (the table)
 * and SVG plots of dev F1 and training loss by epoch (mean over seeds, band from lowest to highest seed).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsToCsv, parseMetricsCsv, type MetricRow } from '../../core/metrics/csv';
import { bandsByEpoch } from '../../core/study/curves';
import { summaryCsv, type StudyRunResult } from '../../core/study/runResult';
import type { StudySpec } from '../../core/study/studySpec';
import { bandChartSvg } from '../../core/study/svgChart';
import { studyTable } from '../../core/study/table';
import { RunFolder, writeAtomically } from './runFolder';

export const REPORT_FILES = { metrics: 'metrics.csv', summary: 'summary.csv', table: 'README.md', devF1: 'dev-f1.svg', trainLoss: 'train-loss.svg' } as const;

export interface StudyReportInput {
  name: string;
  spec: StudySpec;
  outDir: string;
  dataLines: string[];
}

/** The finished runs of the spec, in its order, with their rows. */
function finishedRuns(input: StudyReportInput): { results: StudyRunResult[]; rows: MetricRow[] } {
  const results: StudyRunResult[] = [];
  const rows: MetricRow[] = [];
  for (const run of input.spec.runs) {
    const folder = new RunFolder(join(input.outDir, 'runs', run.id));
    const result = folder.result();
    if (!result) continue;
    results.push(result);
    const csv = folder.path('metrics');
    if (existsSync(csv)) rows.push(...parseMetricsCsv(readFileSync(csv, 'utf8')));
  }
  return { results, rows };
}

/** Writes the study's files; returns the table's text. */
export function writeStudyReport(input: StudyReportInput): string {
  const { spec, outDir } = input;
  const { results, rows } = finishedRuns(input);
  mkdirSync(outDir, { recursive: true });
  const variantOf = new Map(spec.runs.map((r) => [r.id, r.variant]));
  const variantFor = (run: string) => variantOf.get(run) ?? null;
  writeAtomically(join(outDir, REPORT_FILES.metrics), metricsToCsv(rows));
  writeAtomically(join(outDir, REPORT_FILES.summary), summaryCsv(results));
  const table = studyTable(results, { title: input.name, description: spec.description, variants: spec.variants, baseline: spec.baseline, baselines: spec.baselines, planned: spec.runs.length, dataLines: input.dataLines });
  writeAtomically(join(outDir, REPORT_FILES.table), table);
  const devF1 = bandsByEpoch(rows, 'dev/f1', spec.variants, variantFor, 'last');
  writeAtomically(join(outDir, REPORT_FILES.devF1), bandChartSvg(devF1, { title: `${input.name}: dev entity F1 by epoch`, xLabel: 'epoch', yLabel: 'dev F1 (%)', yScale: 100 }));
  const loss = bandsByEpoch(rows, 'train/loss', spec.variants, variantFor, 'mean');
  writeAtomically(join(outDir, REPORT_FILES.trainLoss), bandChartSvg(loss, { title: `${input.name}: training loss by epoch (each loss on its own scale)`, xLabel: 'epoch', yLabel: 'mean training loss' }));
  return table;
}
