/**
 * @file What a run folder says about its last run: `ner train` writes run-status.json when it starts ("running")
 * and again when it ends ("finished", "stopped" or "failed"). A run killed outright stays "running". `ner evaluate`
 * reads it to warn that a checkpoint.zip older than an unfinished run's start is an earlier run's, not that run's.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeOutputFile } from './output';

export const RUN_STATUS_FILE = 'run-status.json';

export type RunState = 'running' | 'finished' | 'stopped' | 'failed';

export interface RunStatus {
  status: RunState;
  /** ISO time the run started. */
  started: string;
  /** ISO time it ended; absent while running (or after a kill). */
  ended?: string;
  steps?: number;
  /** Why a failed run failed. */
  error?: string;
}

export function writeRunStatus(dir: string, status: RunStatus): void {
  writeOutputFile(join(dir, RUN_STATUS_FILE), `${JSON.stringify(status, null, 2)}\n`);
}

/** The status in `dir`, or null when there is none or it cannot be read (an older run folder, a hand-made one). */
export function readRunStatus(dir: string): RunStatus | null {
  try {
    const status = JSON.parse(readFileSync(join(dir, RUN_STATUS_FILE), 'utf8')) as RunStatus;
    return typeof status?.status === 'string' && typeof status.started === 'string' ? status : null;
  } catch {
    return null;
  }
}

/**
 * The warning for a checkpoint written before the unfinished run its folder records started (null when the
 * checkpoint is that run's, the run finished, or there is nothing to compare with).
 */
export function staleCheckpointWarning(checkpoint: string, status: RunStatus | null, checkpointTime: number): string | null {
  if (!status || status.status === 'finished' || status.status === 'stopped') return null;
  const started = Date.parse(status.started);
  if (!Number.isFinite(started) || checkpointTime >= started) return null;
  const how = status.status === 'failed' ? `failed${status.error ? ` (${status.error})` : ''}` : 'did not finish (it may still be running, or was killed)';
  const folder = dirname(checkpoint) === '.' ? 'this folder' : dirname(checkpoint);
  return `${checkpoint} is older than the run started in ${folder} at ${status.started}, which ${how}: this checkpoint is an earlier run's`;
}

/** staleCheckpointWarning for a checkpoint file on disk. */
export function checkpointWarning(checkpoint: string): string | null {
  let time: number;
  try {
    time = statSync(checkpoint).mtimeMs;
  } catch {
    return null;
  }
  return staleCheckpointWarning(checkpoint, readRunStatus(dirname(checkpoint)), time);
}
