/**
 * @file A run file (YAML) and the data it names, for `ner prepare-data` and `ner train`. Paths in the file are
 * relative to the file itself, so a run directory can move as a whole. The data goes through the studio's own
 * preparation (core/dataset/finish.ts): split, IOB1 to IOB2, vocabularies from train, packing. A pretrained run's
 * model.base_model is a local checkpoint folder, read as the studio reads a dropped one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import type { ParsedInput } from '../core/formats';
import { prepareFiles } from '../core/dataset/finish';
import type { PreparedDataset } from '../core/dataset/prepared';
import type { Dataset, SplitName } from '../core/types';
import { parseWordVectors, type WordVectors } from '../core/vectors/wordVectors';
import { OverrideError, parseRunYaml, type RunYaml } from '../core/config/yamlConfig';
import { SAFETENSORS_INDEX, TOKENIZER_FILES } from '../model/hf/checkpoint';
import { CliError, UsageError } from './command';
import { reportDiagnostics } from './io';
import { parseInputFile, readInput } from './input';

export interface RunFile {
  /** As given on the command line, for messages. */
  file: string;
  /** The directory the file's relative paths start from. */
  dir: string;
  yaml: RunYaml;
}

/** Reads and checks a run file with --set overrides applied; warnings go to stderr, a wrong value ends the command. */
export function readRunFile(file: string, overrides: string[] = []): RunFile {
  let yaml: RunYaml;
  try {
    yaml = parseRunYaml(readInput(file), file, overrides);
  } catch (e) {
    if (e instanceof CliError) throw e;
    // A wrong --set is a bad command line (exit 2, as the README says); a wrong file is bad input.
    if (e instanceof OverrideError) throw new UsageError(e.message);
    throw new CliError((e as Error).message);
  }
  for (const w of yaml.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
  return { file, dir: dirname(resolve(file)), yaml };
}

/** A path from the run file, resolved against its directory. */
export const pathFromRunFile = (run: RunFile, path: string) => (isAbsolute(path) ? path : resolve(run.dir, path));

/** A path as short as it can be written from here, for messages. */
export const shown = (path: string) => relative(process.cwd(), path) || '.';

/**
 * A path from the run file as the person would type it here, for messages: the run file's folder as they typed it
 * joined to the path as written in the file (an absolute path stays as written), not a path relative to wherever
 * the command happens to run (`../../data/x.conll` for a path they wrote as /data/x.conll).
 */
export const typedPath = (run: RunFile, path: string) => (isAbsolute(path) ? path : normalize(join(dirname(run.file), path)));

export interface RunData {
  /** The files read, by the split the run file gave them. */
  files: Partial<Record<SplitName, ParsedInput>>;
  dataset: Dataset;
  prepared: PreparedDataset;
  /** Some sentences were skipped for errors (listed on stderr). */
  hadErrors: boolean;
}

/** Reads data.train, data.dev and data.test; without dev, dev is carved from train by `ratio` (seed 13, as the studio). */
export function loadRunData(run: RunFile, ratio = 0.8): RunData {
  const { data, model } = run.yaml;
  if (!data.train) throw new CliError(`${run.file}: data.train is missing; name the training file (paths are relative to ${run.file})`);
  const files: RunData['files'] = {};
  for (const split of ['train', 'dev', 'test'] as const) {
    const path = data[split];
    if (!path) continue;
    const file = typedPath(run, path);
    let parsed: ParsedInput;
    try {
      parsed = parseInputFile(file, { fixTags: data.fixTags });
    } catch (e) {
      throw new CliError(`${run.file}: data.${split}: ${(e as Error).message}`);
    }
    reportDiagnostics(parsed.diagnostics);
    if (parsed.sentences.length === 0) throw new CliError(`${parsed.file}: nothing to read (data.${split} of ${run.file})`);
    files[split] = parsed;
    if (data.scheme && data.scheme !== parsed.scheme) {
      process.stderr.write(`warning: ${run.file}: data.scheme is ${data.scheme} but data.${split} (${file}) reads as ${parsed.scheme}\n`);
    }
  }
  const hadErrors = Object.values(files).some((f) => f.diagnostics.some((d) => d.severity === 'error'));
  // Each file's diagnostics were printed as it was read; the preparation's own follow.
  const fileDiagnostics = new Set(Object.values(files).flatMap((f) => f.diagnostics));
  const { dataset: prepared, sentences: dataset, diagnostics } = prepareFiles(run.file, { given: files }, { ratio, maxSentenceLength: data.maxSentenceLength });
  const own = diagnostics.filter((d) => !fileDiagnostics.has(d));
  reportDiagnostics(own);
  if (!prepared || !dataset) {
    throw new CliError(own.some((d) => d.severity === 'error') ? `${run.file}: the data cannot be trained on (see above)` : `${run.file}: data.train has no sentences to train on`);
  }
  if (model.numLabels !== undefined && model.numLabels !== prepared.vocab.labels.length) {
    throw new CliError(
      `${run.file}: model.num_labels is ${model.numLabels}, but the data has ${prepared.vocab.labels.length} labels: ${prepared.vocab.labels.join(', ')}`,
    );
  }
  return { files, dataset, prepared, hadErrors };
}

/** The vectors model.word_vectors names (relative to the run file), or undefined when it names none. */
export function loadWordVectors(run: RunFile): WordVectors | undefined {
  const name = run.yaml.config.wordVectors;
  if (!name) return undefined;
  const file = typedPath(run, name);
  try {
    return parseWordVectors(readInput(file), file);
  } catch (e) {
    throw new CliError(`${run.file}: model.word_vectors: ${(e as Error).message}`);
  }
}

/** Weights in PyTorch's and other formats the studio refuses: only their names are passed on, so the refusal can say which. */
const UNREADABLE_WEIGHTS = ['pytorch_model.bin', 'pytorch_model.bin.index.json', 'tf_model.h5', 'flax_model.msgpack'];

/** The files of a checkpoint folder that the studio reads: config.json, the tokenizer files and the safetensors weights. */
const isCheckpointFile = (name: string) =>
  name === 'config.json' || name === SAFETENSORS_INDEX || name.endsWith('.safetensors') || TOKENIZER_FILES.includes(name);

/**
 * The files of the folder model.base_model names (relative to the run file), keyed by file name, for
 * train/pretrained.ts readPretrainedBase. A Hugging Face Hub id is refused: the command line does not download.
 */
export function loadBaseModelFiles(run: RunFile): Map<string, Uint8Array> {
  const name = run.yaml.config.baseModel;
  const where = `${run.file}: model.base_model`;
  const dir = pathFromRunFile(run, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const hubId = /^[\w.-]+(\/[\w.-]+)?$/.test(name) && !name.startsWith('.');
    throw new CliError(
      hubId
        ? `${where}: '${name}' is no folder next to ${run.file}; the command line reads a local checkpoint folder, not a Hugging Face Hub id. ` +
            `Download the model's folder first (config.json, model.safetensors, the tokenizer files) and name it here, relative to the run file`
        : `${where}: ${typedPath(run, name)} is no checkpoint folder (config.json, model.safetensors, the tokenizer files)`,
    );
  }
  const files = new Map<string, Uint8Array>();
  try {
    for (const file of readdirSync(dir)) {
      if (isCheckpointFile(file)) files.set(file, new Uint8Array(readFileSync(join(dir, file))));
      else if (UNREADABLE_WEIGHTS.includes(file)) files.set(file, new Uint8Array());
    }
  } catch (e) {
    throw new CliError(`${where}: cannot read ${typedPath(run, name)}: ${(e as Error).message}`);
  }
  return files;
}
