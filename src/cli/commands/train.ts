/**
 * @file `ner train --config FILE [--set key=value]... [--out DIR]`: the studio's training run on the command line.
 * The studio's training job (train/trainJob.ts) with the studio's checkpoint file (the best dev weights, or the last
 * without dev) and the same long CSV of metrics (core/metrics/metricRows.ts); this file only reads and writes files.
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { metricsToCsv } from '../../core/metrics/csv';
import { metricRows, type MetricEval, type MetricStep } from '../../core/metrics/metricRows';
import { trainingSetOf } from '../../core/dataset/prepared';
import { stepsPerEpochFor, totalSteps } from '../../core/config/steps';
import { toRunYaml } from '../../core/config/yamlConfig';
import { memoryReport } from '../../backend/activate';
import { memoryLimits } from '../../backend/limits';
import { type EvalEvent, type StepEvent } from '../../train/runTraining';
import { scoreCheckpoint } from '../../train/scoreCheckpoint';
import { JobSetupError, runTrainJob } from '../../train/trainJob';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { count, percent } from '../io';
import { startNodeBackend } from '../nodeBackend';
import { progressReporter } from '../progress';
import { writeOutputFile, type InputFile } from '../output';
import { loadBaseModelFiles, loadRunData, loadWordVectors, pathFromRunFile, readRunFile, shown, typedPath, type RunFile } from '../runFile';
import { RUN_STATUS_FILE, writeRunStatus, type RunStatus } from '../runStatus';

export const usage = `usage: ner train --config FILE [--set key=value]... [--out DIR]

Trains the model the run file FILE describes on its data.train, scoring data.dev after every epoch (or every
training.eval_steps steps), on tfjs' wasm backend. Writes to DIR:

  checkpoint.zip  the best dev checkpoint (the last weights when there is no dev data), the same file the studio
                  downloads and loads; \`ner evaluate\` and \`ner predict\` read it
  metrics.csv     run,wall_time,step,epoch,metric,value: train/loss, train/tokens_per_sec, memory/tensors and
                  memory/bytes per step, dev/precision, dev/recall, dev/f1, dev/accuracy and dev/f1/TYPE per
                  evaluation, and with data.test, test/precision, test/recall, test/f1 and test/f1/TYPE of the
                  best checkpoint (the studio's CSV download)
  run.yaml        the run file as trained, --set values included

  run-status.json whether the run is running or ended (finished, stopped, failed); \`ner evaluate\` warns about a
                  checkpoint.zip older than an unfinished run in its folder

Each file is written whole or not at all, never over the run file or the data. Progress goes to stderr: a bar on a
terminal, one line per epoch otherwise. Ctrl-C (or SIGTERM) stops after the current step and still writes the
files; a second one quits at once. A run that fails before its first step removes the folders it made.

With data.test, the best checkpoint is scored on it after training; the last line of the output gives its
entity precision, recall and F1.

With model.encoder pretrained, model.base_model names a Hugging Face checkpoint folder (config.json,
model.safetensors, the tokenizer files), relative to FILE; a Hub id is not downloaded, so download the folder first.
The checkpoint keeps the base model's config.json and tokenizer files, as the studio's does.

  --config FILE     the run file (YAML; see README.md, "Configuration"); data paths are relative to it
  --set key=value   override a key of the run file, e.g. --set training.epochs=2 --set model.hidden=32; repeatable
  --out DIR         where the files go; default training.checkpoint_dir (relative to FILE), else runs/TIMESTAMP.
                    Without --out, metrics.csv goes to training.log_dir when that is set`;

const spec = {
  options: { config: { type: 'string' }, set: { type: 'strings' }, out: { type: 'string' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

const timestamp = () => new Date().toISOString().replace(/\..*$/, '').replace(/[-:]/g, '').replace('T', '-');

/** Makes `dir` and any missing parents; returns the folders it made, deepest last, so a failed start can remove them. */
function makeDir(dir: string): string[] {
  const made: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) made.unshift(d);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create ${dir}: ${(e as Error).message}`);
  }
  return made;
}

/** Removes what a run that never took a step left: its status file, then each folder it made that is now empty. */
function undoStart(outDir: string, made: string[]): void {
  try {
    unlinkSync(join(outDir, RUN_STATUS_FILE));
  } catch {
    // never written
  }
  for (const dir of [...made].reverse()) {
    try {
      if (readdirSync(dir).length === 0) rmdirSync(dir);
    } catch {
      // gone, or not ours to remove
    }
  }
}

/** The files a run reads, which its outputs must never replace. */
function inputsOf(runFile: RunFile): InputFile[] {
  const data = runFile.yaml.data;
  const splits = (['train', 'dev', 'test'] as const).flatMap((k) => (data[k] ? [{ path: typedPath(runFile, data[k]), role: `data.${k} of ${runFile.file}` }] : []));
  return [{ path: runFile.file, role: 'the run file' }, ...splits];
}

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.config) throw new UsageError('train needs --config FILE');
  const runFile = readRunFile(options.config, options.set);
  const { yaml } = runFile;
  const { prepared } = loadRunData(runFile);
  const wordVectors = loadWordVectors(runFile);
  const baseModel = yaml.config.encoder === 'pretrained' ? loadBaseModelFiles(runFile) : undefined;

  // Paths as typed (relative to here, or absolute), so messages show them the way the person wrote them.
  const outDir = options.out ?? (yaml.paths.checkpointDir ? typedPath(runFile, yaml.paths.checkpointDir) : join('runs', timestamp()));
  const logDir = !options.out && yaml.paths.logDir ? typedPath(runFile, yaml.paths.logDir) : outDir;
  const made = [...makeDir(outDir), ...makeDir(logDir)];
  const status: RunStatus = { status: 'running', started: new Date().toISOString() };
  writeRunStatus(outDir, status);
  let stepsDone = 0;
  try {
    return await trainInto(runFile, prepared, { outDir, logDir, wordVectors, baseModel, status, onStep: () => stepsDone++ });
  } catch (e) {
    // Before the first step nothing was trained: leave no trace. After it, the folder says the run failed.
    if (stepsDone === 0) undoStart(outDir, made);
    else writeRunStatus(outDir, { ...status, status: 'failed', ended: new Date().toISOString(), steps: stepsDone, error: (e as Error).message.split('\n')[0] });
    throw e;
  }
}

interface Destination {
  outDir: string;
  logDir: string;
  wordVectors: ReturnType<typeof loadWordVectors>;
  baseModel: ReturnType<typeof loadBaseModelFiles> | undefined;
  status: RunStatus;
  onStep: () => void;
}

async function trainInto(runFile: RunFile, prepared: ReturnType<typeof loadRunData>['prepared'], where: Destination): Promise<number> {
  const { yaml } = runFile;
  const config = yaml.config;
  const { outDir, logDir, wordVectors, baseModel } = where;
  const set = trainingSetOf(prepared, config.encoder === 'pretrained');
  const backend = await startNodeBackend(config.backend);
  const planned = totalSteps(config, stepsPerEpochFor(config, set.train.count));
  let stopRequested = false;
  // SIGTERM (a scheduler, `kill`, a closing terminal) is asked to stop like Ctrl-C, so the files are still written.
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) process.exit(signal === 'SIGTERM' ? 143 : 130); // a second signal quits at once (128 + signal number), as the usage says
    stopRequested = true;
    process.stderr.write(`\nstopping after this step (${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} again to quit now)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Announced only once SIGTERM and Ctrl-C are handled: a scheduler may signal as soon as it reads this line.
  process.stderr.write(
    `training on ${backend}: ${count(set.train.count)} train and ${count(set.dev.count)} dev sentences, ` +
      `${prepared.vocab.labels.length} labels, ${count(planned)} steps of batch ${config.batchSize}\n`,
  );

  const steps: MetricStep[] = [];
  const evals: MetricEval[] = [];
  const progress = progressReporter({ totalSteps: planned, epochs: config.epochs });
  let job;
  try {
    const hooks = {
      shouldStop: () => stopRequested,
      onStep: (e: StepEvent) => {
        where.onStep();
        // As the training worker: live tensors and their bytes after each step, for the CSV's memory rows.
        const mem = memoryReport();
        steps.push({ ...e, tensors: mem.tensors, bytes: mem.bytes });
        progress.step(e);
      },
      onEval: (e: EvalEvent) => {
        const s = e.scores;
        evals.push({ step: e.step, epoch: e.epoch, precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, perType: s.perType, wallTime: e.wallTime });
        progress.evaluated(e);
      },
    };
    // Node's total memory stands in for the browser's navigator.deviceMemory.
    const limits = () => memoryLimits(backend, { deviceMemory: totalmem() / 2 ** 30 });
    job = await runTrainJob(config, set, hooks, { backend, limits, baseModel, wordVectors, onNote: (text) => process.stderr.write(`note: ${text}\n`) });
  } catch (e) {
    if (e instanceof JobSetupError && e.key === 'baseModel') throw new CliError(`${runFile.file}: model.base_model ${config.baseModel}: ${e.message}`);
    throw new CliError(`${runFile.file}: ${(e as Error).message}`);
  } finally {
    progress.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const checkpointPath = join(outDir, 'checkpoint.zip');
  const csvPath = join(logDir, 'metrics.csv');
  const yamlPath = join(outDir, 'run.yaml');
  const dataPaths = Object.fromEntries(
    (['train', 'dev', 'test'] as const).flatMap((k) => (yaml.data[k] ? [[k, pathFromRunFile(runFile, yaml.data[k])]] : [])),
  );
  // The best checkpoint on test, as the studio scores a finished run: through the checkpoint file itself.
  const test = prepared.test.count > 0 ? await scoreCheckpoint(job.checkpoint, prepared.text.test) : null;
  const bestEval = evals.filter((e) => e.step === job.bestStep).at(-1);
  const testRow = test && { step: bestEval?.step ?? job.steps, epoch: bestEval?.epoch ?? job.epochs, precision: test.precision, recall: test.recall, f1: test.f1, perType: test.perType, wallTime: Date.now() / 1000 };
  const inputs = inputsOf(runFile);
  writeOutputFile(checkpointPath, job.checkpoint, { inputs });
  writeOutputFile(csvPath, metricsToCsv(metricRows(basename(resolve(outDir)), steps, evals, testRow)), { inputs });
  // As the data paths: the base model folder from where run.yaml now lies.
  const asTrained = config.encoder === 'pretrained' ? { ...config, baseModel: pathFromRunFile(runFile, config.baseModel) } : config;
  writeOutputFile(yamlPath, toRunYaml(asTrained, { ...dataPaths, scheme: yaml.data.scheme }, { model: yaml.model }), { inputs });
  writeRunStatus(outDir, { ...where.status, status: job.status === 'stopped' ? 'stopped' : 'finished', ended: new Date().toISOString(), steps: job.steps });

  const how = job.status === 'stopped' ? 'stopped' : job.stoppedEarly ? 'stopped early (no better dev F1)' : 'finished';
  const best = job.bestStep !== null && job.bestDevF1 !== null ? `best dev F1 ${percent(job.bestDevF1)} at step ${job.bestStep}` : 'no dev data: the last weights';
  const testLine = test
    ? `test F1 ${percent(test.f1)} (P ${percent(test.precision)}, R ${percent(test.recall)}) on ${shown(pathFromRunFile(runFile, yaml.data.test!))}, ${count(prepared.test.count)} sentences`
    : 'no test data (data.test) to score';
  process.stdout.write(
    `${how} after ${count(job.steps)} steps, ${job.epochs} epochs; ${best}\n` +
      `checkpoint  ${checkpointPath}\nmetrics     ${csvPath}\nrun file    ${yamlPath}\n${testLine}\n`,
  );
  return 0;
}
