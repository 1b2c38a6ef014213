/**
 * @file One study run's folder under studies/results/NAME/runs/ID/: while it trains, its last training state with
 * what it logged up to that state (state.bin), so a stopped study continues mid-run; once
 * done, result.json (the done marker, written last), metrics.csv, run.yaml and checkpoint.zip. Writes go to a
 * temporary file first and are renamed into place, so a killed process never leaves half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricEval, MetricStep } from '../../core/metrics/metricRows';
import type { StudyRunResult } from '../../core/study/runResult';
import type { EntityScores } from '../../core/types';
import { decodeStateFile, encodeStateFile } from '../../train/stateFile';
import type { TrainState } from '../../train/trainState';
import { CliError } from '../command';
import { shown } from '../runFile';

/** What a run logged up to its last saved state, and the time it took, summed over the sessions so far. */
export interface RunProgress {
  steps: MetricStep[];
  evals: MetricEval[];
  /** Dev scores of the best evaluation so far (the one whose weights the run keeps). */
  bestDev: EntityScores | null;
  /** Seconds from the run's start to the state, over every session. */
  elapsedSeconds: number;
  /** Seconds inside training steps, and the tokens they trained on. */
  trainSeconds: number;
  trainTokens: number;
  /** Sum and count of 1-minute load averages sampled at each step. */
  loadSum: number;
  loadCount: number;
}

/** What state.bin holds. */
export interface SavedRun {
  state: TrainState;
  progress: RunProgress;
}

export const EMPTY_PROGRESS: RunProgress = { steps: [], evals: [], bestDev: null, elapsedSeconds: 0, trainSeconds: 0, trainTokens: 0, loadSum: 0, loadCount: 0 };

export const RUN_FILES = {
  result: 'result.json',
  metrics: 'metrics.csv',
  runYaml: 'run.yaml',
  checkpoint: 'checkpoint.zip',
  state: 'state.bin',
} as const;

export function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.partial`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (e) {
    throw new CliError(`cannot write ${shown(path)}: ${(e as Error).message}`);
  }
}

export class RunFolder {
  constructor(readonly dir: string) {}

  path(file: keyof typeof RUN_FILES): string {
    return join(this.dir, RUN_FILES[file]);
  }

  /** The done marker; null while the run has not finished. */
  result(): StudyRunResult | null {
    const file = this.path('result');
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as StudyRunResult;
    } catch (e) {
      throw new CliError(`${shown(file)}: unreadable (${(e as Error).message}); delete the run's folder ${shown(this.dir)} to train it again`);
    }
  }

  /** The state and log of an interrupted session; null when there is none. */
  saved(): SavedRun | null {
    const file = this.path('state');
    if (!existsSync(file)) return null;
    try {
      return decodeStateFile<SavedRun>(readFileSync(file), shown(file));
    } catch (e) {
      throw new CliError(`${(e as Error).message}; delete ${shown(file)} to start the run over`);
    }
  }

  /** The state and the log up to it, in one file, so they always belong together. */
  save(saved: SavedRun): void {
    mkdirSync(this.dir, { recursive: true });
    writeAtomically(this.path('state'), encodeStateFile(saved));
  }

  /** Writes the finished run's files, the done marker last, and drops the saved state. */
  finish(files: { metrics: string; runYaml: string; checkpoint: Uint8Array }, result: StudyRunResult): void {
    mkdirSync(this.dir, { recursive: true });
    writeAtomically(this.path('metrics'), files.metrics);
    writeAtomically(this.path('runYaml'), files.runYaml);
    writeAtomically(this.path('checkpoint'), files.checkpoint);
    writeAtomically(this.path('result'), `${JSON.stringify(result, null, 1)}\n`);
    rmSync(this.path('state'), { force: true });
  }
}
