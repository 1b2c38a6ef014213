/**
 * @file `ner export-torch --config FILE -o DIR [--set key=value]...`: the run as a PyTorch project that trains with
 * torchrun on one CPU or many GPUs: run.yaml, the data prepared here (train/torchExport.ts), the Python package and a
 * README with the commands. Its checkpoint.zip and metrics.csv come back to the studio and to `ner evaluate`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { matchedVectors } from '../../core/vectors/matchedVectors';
import { torchProjectFiles } from '../../train/torchExport';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { count } from '../io';
import { pythonPackageFiles } from '../pythonPackage';
import { loadBaseModelFiles, loadRunData, loadWordVectors, readRunFile, shown } from '../runFile';

export const usage = `usage: ner export-torch --config FILE -o DIR [--set key=value]...

Prepares the data of the run file FILE as \`ner train\` would (parsing, vocabularies, encoding, and for a pretrained
encoder its subword pieces) and writes to the new folder DIR:

  run.yaml           the run, every key written out
  data/              prepared.json (vocabularies, label constraints), train/dev/test.safetensors (the encoded splits),
                     word_vectors.safetensors (with model.word_vectors), base_model/ (with a pretrained encoder)
  ner_studio_torch/  the Python package: the same encoders, CRF, losses, optimisers and metrics in PyTorch
  pyproject.toml, README.md

Then, in DIR:  torchrun --nproc_per_node=N -m ner_studio_torch.train .   (or python -m ner_studio_torch.train .)
It writes checkpoint.zip and metrics.csv in the studio's formats: \`ner evaluate\` and the studio read them.

  --config FILE     the run file (YAML; see README.md, "Configuration"); data paths are relative to it
  -o, --out DIR     the project folder; it must not exist yet, or be empty
  --set key=value   override a key of the run file, e.g. --set training.batch_size=64; repeatable`;

const spec = {
  options: { config: { type: 'string' }, out: { type: 'string', short: 'o' }, set: { type: 'strings' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.config || !options.out) throw new UsageError('export-torch needs --config FILE and -o DIR');
  const out = resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new CliError(`${shown(out)} exists and is not empty; name a new folder, so nothing in it is overwritten`);
  const runFile = readRunFile(options.config, options.set);
  const { config, data } = runFile.yaml;
  const { prepared } = loadRunData(runFile);
  const vectors = loadWordVectors(runFile);
  let files: Map<string, Uint8Array>;
  try {
    files = torchProjectFiles({
      config,
      prepared,
      dataPaths: { train: data.train, dev: data.dev, test: data.test },
      scheme: data.scheme,
      baseModel: config.encoder === 'pretrained' ? loadBaseModelFiles(runFile) : undefined,
      wordVectors: vectors && matchedVectors(config.wordVectors, vectors, prepared.vocab.words),
      python: pythonPackageFiles(),
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${runFile.file}: ${(e as Error).message}`);
  }
  writeFolder(out, files);
  const s = prepared.summary.splits;
  process.stdout.write(
    `wrote ${shown(out)}: ${count(s.train.sentences)} train, ${count(s.dev.sentences)} dev, ${count(s.test.sentences)} test sentences, ` +
      `${prepared.vocab.labels.length} labels\n` +
      `train it:  cd ${shown(out)} && torchrun --nproc_per_node=2 -m ner_studio_torch.train .\n`,
  );
  return 0;
}

/**
 * Writes the project into a hidden folder beside `out` and renames it into place once complete, so a kill never
 * leaves half a project where the user asked for one (an empty `out` made beforehand is replaced).
 */
function writeFolder(out: string, files: Map<string, Uint8Array>): void {
  const temp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(temp, path)), { recursive: true });
      writeFileSync(join(temp, path), bytes);
    }
    if (existsSync(out)) rmdirSync(out);
    renameSync(temp, out);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw new CliError(`cannot write ${shown(out)}: ${(e as Error).message}`);
  }
}
