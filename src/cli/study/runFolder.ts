/**
 * @file One study run's folder under studies/results/NAME/runs/ID/: while it trains, its last training state with
 * what it logged up to that state (state.bin), so a stopped study continues mid-run, and the claim of the process
 * training it (lock), so several processes can run one study side by side; once done, result.json (the done
 * marker, written last), metrics.csv, run.yaml and checkpoint.zip. Writes go to a temporary file first and are
 * renamed into place, so a killed process never leaves half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
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
  lock: 'lock',
} as const;

/** Who holds a run: a process of this machine or another one sharing the folder. */
interface Claim {
  pid: number;
  host: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, but another user's
  }
}

export function writeAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.partial`; // two processes of one study may write the same report
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

  /**
   * Claims the run for this process: false while another live process holds it. A claim left by a process of this
   * machine that has died is taken over; one from another machine is never guessed at (the log names it).
   */
  claim(): boolean {
    mkdirSync(this.dir, { recursive: true });
    const file = this.path('lock');
    const mine = JSON.stringify({ pid: process.pid, host: hostname() } satisfies Claim);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, mine, { flag: 'wx' }); // fails if the file exists: one process wins
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new CliError(`cannot write ${shown(file)}: ${(e as Error).message}`);
        const held = this.claimant();
        if (held && (held.host !== hostname() || alive(held.pid))) return false;
        rmSync(file, { force: true }); // a dead process's claim, or an unreadable one
      }
    }
    return false;
  }

  /** The holder of the claim, for the log; null when there is none or it is unreadable. */
  claimant(): Claim | null {
    try {
      const c = JSON.parse(readFileSync(this.path('lock'), 'utf8')) as Partial<Claim>;
      return typeof c.pid === 'number' && typeof c.host === 'string' ? { pid: c.pid, host: c.host } : null;
    } catch {
      return null;
    }
  }

  /** Gives the run up (finished or stopped), if this process holds it. */
  release(): void {
    const held = this.claimant();
    if (held && held.pid === process.pid && held.host === hostname()) rmSync(this.path('lock'), { force: true });
  }
}
