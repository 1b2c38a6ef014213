/**
 * @file `ner train --config FILE [--set key=value]... [--out DIR]`: the studio's training run on the command line.
 * The same loop as the training worker (train/runTraining.ts), the same checkpoint file as the studio's download
 * (the best dev weights, or the last without dev) and the same long CSV of metrics (core/metricRows.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { metricsToCsv } from '../../core/metrics/csv';
import { metricRows, type MetricEval, type MetricStep } from '../../core/metrics/metricRows';
import { unpackSplit, type PreparedDataset } from '../../core/dataset/prepared';
import { toRunYaml } from '../../core/config/yamlConfig';
import { memoryReport } from '../../backend/activate';
import { memoryLimits } from '../../backend/limits';
import { saveCheckpoint, saveWeightsCheckpoint } from '../../train/checkpointIO';
import { baseModelFiles, longestWindow, pretrainedTrainData, readPretrainedBase } from '../../train/pretrained';
import { pretrainedFit } from '../../train/pretrainedMemory';
import { runTraining, stepsPerEpochFor, type TrainData } from '../../train/runTraining';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { count, percent } from '../io';
import { startNodeBackend } from '../nodeBackend';
import { progressReporter } from '../progress';
import type { NodeBackend } from '../nodeBackend';
import { loadBaseModelFiles, loadRunData, loadWordVectors, pathFromRunFile, readRunFile, shown, type RunFile } from '../runFile';

export const summary = 'train a tagger from a run file; writes checkpoint.zip and metrics.csv';

export const usage = `usage: ner train --config FILE [--set key=value]... [--out DIR]

Trains the model the run file FILE describes on its data.train, scoring data.dev after every epoch (or every
training.eval_steps steps), on tfjs' wasm backend. Writes to DIR:

  checkpoint.zip  the best dev checkpoint (the last weights when there is no dev data), the same file the studio
                  downloads and loads; \`ner evaluate\` and \`ner predict\` read it
  metrics.csv     run,wall_time,step,epoch,metric,value: train/loss, train/tokens_per_sec, memory/tensors and
                  memory/bytes per step, dev/precision, dev/recall, dev/f1, dev/accuracy and dev/f1/TYPE per
                  evaluation (the studio's CSV download)
  run.yaml        the run file as trained, --set values included

Progress goes to stderr: a bar on a terminal, one line per epoch otherwise. Ctrl-C stops after the current step
and still writes the files; a second Ctrl-C quits at once.

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

function write(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new CliError(`cannot write ${shown(path)}: ${(e as Error).message}`);
  }
}

function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create ${shown(dir)}: ${(e as Error).message}`);
  }
}

/**
 * encoder 'pretrained', as the training worker's withPretrained: reads the base model, gives the sentences their
 * subword pieces, and refuses a model that does not fit.
 */
async function withPretrained(runFile: RunFile, prepared: PreparedDataset, data: TrainData, backend: NodeBackend): Promise<{ data: TrainData; baseModel: Map<string, Uint8Array> }> {
  const { config } = runFile.yaml;
  const files = loadBaseModelFiles(runFile);
  try {
    const base = readPretrainedBase(files);
    const ready = pretrainedTrainData(config, base, data, { train: prepared.text.train.tokens, dev: prepared.text.dev.tokens });
    // Node's total memory stands in for the browser's navigator.deviceMemory.
    const fit = pretrainedFit(config, base.spec, data.vocab.labels.length, await memoryLimits(backend, { deviceMemory: totalmem() / 2 ** 30 }), longestWindow(ready.train), backend);
    if (fit.problem) throw new Error(`${config.baseModel} does not fit on ${backend}, so training did not start: ${fit.problem}`);
    return { data: ready, baseModel: baseModelFiles(base) };
  } catch (e) {
    throw new CliError(`${runFile.file}: model.base_model ${config.baseModel}: ${(e as Error).message}`);
  }
}

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.config) throw new UsageError('train needs --config FILE');
  const runFile = readRunFile(options.config, options.set);
  const { yaml } = runFile;
  const config = yaml.config;
  const { prepared } = loadRunData(runFile);
  let data: TrainData = { vocab: prepared.vocab, train: unpackSplit(prepared.train), dev: unpackSplit(prepared.dev), wordVectors: loadWordVectors(runFile) };

  const outDir = options.out ? resolve(options.out) : yaml.paths.checkpointDir ? pathFromRunFile(runFile, yaml.paths.checkpointDir) : resolve('runs', timestamp());
  const logDir = !options.out && yaml.paths.logDir ? pathFromRunFile(runFile, yaml.paths.logDir) : outDir;
  makeDir(outDir);
  makeDir(logDir);

  const backend = await startNodeBackend(config.backend);
  let baseModel: Map<string, Uint8Array> | undefined;
  if (config.encoder === 'pretrained') ({ data, baseModel } = await withPretrained(runFile, prepared, data, backend));
  const stepsPerEpoch = stepsPerEpochFor(config, data.train.length);
  const planned = config.epochs * stepsPerEpoch;
  const totalSteps = config.maxSteps > 0 ? Math.min(config.maxSteps, planned) : planned;
  process.stderr.write(
    `training on ${backend}: ${count(data.train.length)} train and ${count(data.dev.length)} dev sentences, ` +
      `${prepared.vocab.labels.length} labels, ${count(totalSteps)} steps of batch ${config.batchSize}\n`,
  );

  const steps: MetricStep[] = [];
  const evals: MetricEval[] = [];
  const progress = progressReporter({ totalSteps, epochs: config.epochs });
  let stopRequested = false;
  const onSigint = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    process.stderr.write('\nstopping after this step (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onSigint);
  let result;
  try {
    result = await runTraining(config, data, {
      shouldStop: () => stopRequested,
      onStep: (e) => {
        // As the training worker: live tensors and their bytes after each step, for the CSV's memory rows.
        const mem = memoryReport();
        steps.push({ ...e, tensors: mem.tensors, bytes: mem.bytes });
        progress.step(e);
      },
      onEval: (e) => {
        const s = e.scores;
        evals.push({ step: e.step, epoch: e.epoch, precision: s.precision, recall: s.recall, f1: s.f1, accuracy: s.accuracy, perType: s.perType, wallTime: e.wallTime });
        progress.evaluated(e);
      },
    });
  } catch (e) {
    throw new CliError(`${runFile.file}: ${(e as Error).message}`);
  } finally {
    progress.finish();
    process.off('SIGINT', onSigint);
  }

  // As the training worker: the download is the best dev checkpoint; without a dev split, the last weights.
  const trained = { steps: result.steps, epochs: result.epochs, bestDevF1: result.bestDevF1, bestStep: result.best?.step ?? null, backend, createdAt: new Date().toISOString() };
  const bytes = result.best
    ? saveWeightsCheckpoint(result.best.weights, config, data.vocab, trained, baseModel)
    : await saveCheckpoint(result.tagger, config, data.vocab, trained, baseModel);
  result.tagger.dispose();

  const checkpointPath = join(outDir, 'checkpoint.zip');
  const csvPath = join(logDir, 'metrics.csv');
  const yamlPath = join(outDir, 'run.yaml');
  const dataPaths = Object.fromEntries(
    (['train', 'dev', 'test'] as const).flatMap((k) => (yaml.data[k] ? [[k, pathFromRunFile(runFile, yaml.data[k])]] : [])),
  );
  write(checkpointPath, bytes);
  write(csvPath, metricsToCsv(metricRows(basename(outDir), steps, evals)));
  // As the data paths: the base model folder from where run.yaml now lies.
  const asTrained = baseModel ? { ...config, baseModel: pathFromRunFile(runFile, config.baseModel) } : config;
  write(yamlPath, toRunYaml(asTrained, { ...dataPaths, scheme: yaml.data.scheme }, { model: yaml.model }));

  const how = result.status === 'stopped' ? 'stopped' : result.stoppedEarly ? 'stopped early (no better dev F1)' : 'finished';
  const best = result.best ? `best dev F1 ${percent(result.best.f1)} at step ${result.best.step}` : 'no dev data: the last weights';
  process.stdout.write(
    `${how} after ${count(result.steps)} steps, ${result.epochs} epochs; ${best}\n` +
      `checkpoint  ${shown(checkpointPath)}\nmetrics     ${shown(csvPath)}\nrun file    ${shown(yamlPath)}\n`,
  );
  return 0;
}
