/**
 * @file Runs a study (core/study/studySpec.ts) from the command line on wasm: each run through the one training
 * job (train/trainJob.ts), its best checkpoint scored on test (train/scoreCheckpoint.ts), its files written to its
 * folder, and the study's tables and plots rebuilt. Resumable at two levels: a run with a done marker is never run
 * again, and a run cut short continues from its last saved state (every evaluation and every save_steps steps).
 * Several processes may run one study: each claims the run it trains (RunFolder.claim) and skips those others hold.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { completeConfig } from '../../core/config/config';
import { stepsPerEpochFor, totalSteps } from '../../core/config/steps';
import { toRunYaml } from '../../core/config/yamlConfig';
import { trainingSetOf } from '../../core/dataset/prepared';
import { metricsToCsv } from '../../core/metrics/csv';
import { metricRows } from '../../core/metrics/metricRows';
import type { StudyRunResult } from '../../core/study/runResult';
import { parseStudy, trainingOrder, type StudyRun, type StudySpec } from '../../core/study/studySpec';
import { memoryLimits } from '../../backend/limits';
import type { EvalEvent, StepEvent } from '../../train/runTraining';
import { scoreCheckpoint } from '../../train/scoreCheckpoint';
import { runTrainJob } from '../../train/trainJob';
import { CliError } from '../command';
import { readInput } from '../io';
import { startNodeBackend } from '../nodeBackend';
import { progressReporter } from '../progress';
import { shown } from '../runFile';
import { EMPTY_PROGRESS, RunFolder, type RunProgress } from './runFolder';
import { loadStudyData, type LoadedStudyData } from './studyData';
import { writeStudyReport } from './studyReport';

/** Training loss and throughput are logged as means over windows of this many steps (and at epoch ends and saves). */
export const STEP_WINDOW = 10;

export interface StudyOptions {
  /** Asked between steps; true stops the current run after its step (its state stays for the next start). */
  shouldStop?: () => boolean;
  /** Train at most this many runs in this session. */
  maxRuns?: number;
  /** Only rebuild the tables and plots from the runs already finished. */
  reportOnly?: boolean;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

export interface StudyOutcome {
  outDir: string;
  finished: number;
  planned: number;
  /** A run was stopped mid-way (shouldStop). */
  interrupted: boolean;
}

/** `losses` names studies/losses.yaml from here; anything with a slash or a .yaml ending is a path. */
export function studyFileFor(nameOrPath: string): string {
  return /[\\/]/.test(nameOrPath) || /\.ya?ml$/.test(nameOrPath) ? resolve(nameOrPath) : resolve('studies', `${nameOrPath}.yaml`);
}

export async function runStudy(nameOrPath: string, options: StudyOptions = {}): Promise<StudyOutcome> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const file = studyFileFor(nameOrPath);
  if (!existsSync(file)) throw new CliError(`no study ${shown(file)}; studies are YAML files under studies/ (see README.md, "Studies")`);
  let spec: StudySpec;
  try {
    spec = parseStudy(readInput(file), shown(file));
  } catch (e) {
    throw e instanceof CliError ? e : new CliError((e as Error).message);
  }
  for (const w of spec.warnings) log(`warning: ${shown(file)}: ${w}`);
  const name = basename(file, extname(file));
  const studyDir = dirname(file);
  const outDir = join(studyDir, 'results', name);
  const root = dirname(studyDir);
  const folders = new Map(spec.runs.map((r) => [r.id, new RunFolder(join(outDir, 'runs', r.id))]));
  checkFinishedConfigs(spec, folders);

  let data: LoadedStudyData | null = null;
  const loadData = () => (data ??= loadStudyData(spec.data, root, shown(file)));
  const report = () => writeStudyReport({ name, spec, outDir, dataLines: loadData().lines });
  const pending = trainingOrder(spec).filter((r) => !folders.get(r.id)!.result());
  const outcome = (interrupted: boolean) => ({ outDir, finished: spec.runs.length - spec.runs.filter((r) => !folders.get(r.id)!.result()).length, planned: spec.runs.length, interrupted });
  if (options.reportOnly) {
    report();
    return outcome(false);
  }
  log(`study ${name}: ${spec.runs.length - pending.length} of ${spec.runs.length} runs done; results in ${shown(outDir)}`);
  let trained = 0;
  for (const [position, run] of pending.entries()) {
    if (options.maxRuns !== undefined && trained >= options.maxRuns) break;
    if (options.shouldStop?.()) return outcome(true);
    const index = spec.runs.length - pending.length + position + 1;
    const label = `[${index}/${spec.runs.length}] ${run.id}`;
    const folder = folders.get(run.id)!;
    if (!folder.claim()) {
      const by = folder.claimant();
      log(`${label}: skipped, another process is training it (${by ? `process ${by.pid} on ${by.host}` : 'unknown'}; ${shown(folder.path('lock'))})`);
      continue;
    }
    let done: boolean;
    try {
      if (folder.result()) continue; // another process finished it since this one started
      done = await trainRun(run, folder, loadData(), { ...options, log, label });
    } finally {
      folder.release();
    }
    trained++;
    if (!done) return outcome(true);
    report();
  }
  report();
  return outcome(false);
}

/** JSON with every mapping's keys sorted, so two configs compare by content whatever order their keys were set in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

/** A finished run whose config no longer matches the study's is stale: say which, and never overwrite it. */
function checkFinishedConfigs(spec: StudySpec, folders: Map<string, RunFolder>): void {
  const stale = spec.runs.filter((r) => {
    const result = folders.get(r.id)!.result();
    return result && canonical(completeConfig(result.config)) !== canonical(r.config);
  });
  if (stale.length > 0) {
    throw new CliError(
      `the study's settings changed for ${stale.length} finished run(s): ${stale.map((r) => r.id).join(', ')}. ` +
        `Their results stay as they are; to train them again under the new settings, delete ${stale.map((r) => shown(folders.get(r.id)!.dir)).join(', ')}`,
    );
  }
}

/** Trains one run to its done marker; false when it was stopped (its last state stays saved). */
async function trainRun(run: StudyRun, folder: RunFolder, data: LoadedStudyData, o: StudyOptions & { log: (line: string) => void; label: string }): Promise<boolean> {
  const { prepared } = data;
  const config = run.config;
  const set = trainingSetOf(prepared, config.encoder === 'pretrained');
  const saved = folder.saved();
  const progress: RunProgress = saved ? structuredClone(saved.progress) : { ...EMPTY_PROGRESS, steps: [], evals: [] };
  const backend = await startNodeBackend(config.backend);
  const planned = totalSteps(config, stepsPerEpochFor(config, set.train.count));
  o.log(`${o.label}: ${saved ? `continuing from step ${saved.state.step}` : 'starting'} (${planned} steps at most, ${backend})`);
  const sessionStart = performance.now();
  const elapsed = () => progress.elapsedSeconds + (performance.now() - sessionStart) / 1000;
  const baseElapsed = progress.elapsedSeconds;
  let window = { loss: 0, steps: 0, tokens: 0, seconds: 0 };
  let last: StepEvent | null = null;
  const flushWindow = () => {
    if (!last || window.steps === 0) return;
    progress.steps.push({ step: last.step, epoch: last.epoch, loss: window.loss / window.steps, tokensPerSec: window.tokens / window.seconds, wallTime: last.wallTime });
    window = { loss: 0, steps: 0, tokens: 0, seconds: 0 };
  };
  const bar = progressReporter({ totalSteps: planned, epochs: config.epochs });
  const hooks = {
    shouldStop: o.shouldStop,
    onStep: (e: StepEvent) => {
      const seconds = e.tokens / e.tokensPerSec;
      window = { loss: window.loss + e.loss, steps: window.steps + 1, tokens: window.tokens + e.tokens, seconds: window.seconds + seconds };
      progress.trainSeconds += seconds;
      progress.trainTokens += e.tokens;
      progress.loadSum += loadavg()[0];
      progress.loadCount++;
      last = e;
      if (e.step % STEP_WINDOW === 0 || e.step % e.stepsPerEpoch === 0) flushWindow();
      bar.step(e);
    },
    onEval: (e: EvalEvent) => {
      const s = e.scores;
      if (e.improved) progress.bestDev = s;
      progress.evals.push({ step: e.step, epoch: e.epoch, precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, perType: s.perType, wallTime: e.wallTime });
      bar.evaluated(e);
    },
    onState: (state: Parameters<RunFolder['save']>[0]['state']) => {
      flushWindow();
      folder.save({ state, progress: { ...progress, elapsedSeconds: baseElapsed + (performance.now() - sessionStart) / 1000 } });
    },
  };
  let job;
  try {
    job = await runTrainJob(config, set, hooks, { backend, limits: () => memoryLimits(backend, {}), resumeFrom: saved?.state });
  } catch (e) {
    throw new CliError(`${o.label}: ${(e as Error).message}`);
  } finally {
    bar.finish();
  }
  if (job.status === 'stopped') {
    o.log(`${o.label}: stopped; its state at the last save is kept, and the next start continues from there`);
    return false;
  }
  flushWindow();
  const bestEval = progress.evals.filter((e) => e.step === job.bestStep).at(-1) ?? null;
  const test = prepared.test.count > 0 ? await scoreCheckpoint(job.checkpoint, prepared.text.test) : null;
  const at = bestEval ?? { step: job.steps, epoch: job.epochs };
  const testRow = test ? { step: at.step, epoch: at.epoch, precision: test.precision, recall: test.recall, f1: test.f1, perType: test.perType, wallTime: Date.now() / 1000 } : null;
  const result: StudyRunResult = {
    id: run.id,
    variant: run.variant,
    seed: run.seed,
    status: job.status,
    stoppedEarly: job.stoppedEarly,
    steps: job.steps,
    epochs: job.epochs,
    bestStep: job.bestStep,
    dev: progress.bestDev,
    test,
    wallSeconds: elapsed(),
    tokensPerSec: progress.trainSeconds > 0 ? progress.trainTokens / progress.trainSeconds : 0,
    parameters: job.parameters,
    loadAverage: progress.loadCount > 0 ? progress.loadSum / progress.loadCount : null,
    config,
    finishedAt: new Date().toISOString(),
  };
  folder.finish(
    {
      metrics: metricsToCsv(metricRows(run.id, progress.steps, progress.evals, testRow)),
      runYaml: toRunYaml(config, {}, { model: run.preset ? { preset: run.preset as never } : {} }),
      checkpoint: job.checkpoint,
    },
    result,
  );
  const f1 = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(2)}`);
  o.log(`${o.label}: done in ${(result.wallSeconds / 60).toFixed(1)} min; dev F1 ${f1(result.dev?.f1)}, test F1 ${f1(test?.f1)}`);
  return true;
}
