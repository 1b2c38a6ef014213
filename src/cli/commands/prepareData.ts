/**
 * @file `ner prepare-data --config FILE [--ratio 0.8]`: the data of a run file as training will see it (the
 * seed pipeline's first half). Prints each split's size and entities, the labels, out-of-vocabulary rates and
 * sentences shared between splits; where there is no dev file, writes the train/dev split it made to files.
 */
import { dirname, join } from 'node:path';
import { columnSeparatorFor, columnText, unwritableCells } from '../../core/formats/columnWrite';
import { ENCODING_LABELS } from '../../core/formats/encoding';
import { datasetStats } from '../../core/dataset/stats';
import type { ParsedInput } from '../../core/formats';
import type { Dataset, Sentence, SplitName } from '../../core/types';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { count, percent, reportDiagnostics } from '../io';
import { checkTarget, writeOutputFile, type InputFile } from '../output';
import { loadRunData, readRunFile, typedPath, type RunFile } from '../runFile';

export const usage = `usage: ner prepare-data --config FILE [--ratio 0.8]

Reads data.train, data.dev and data.test of the run file FILE (paths relative to FILE) the way the studio and
\`ner train\` do, and prints per split its sentences, tokens and entities per type, the labels, the share of dev
and test tokens never seen in train, and sentences found in more than one split. Problems in the files go to
stderr, naming file and line; the exit status is 1 when a file had errors (its sentences with errors are skipped).

Without data.dev, dev is carved from train: a seeded shuffle (seed 13, as in the studio), then the first RATIO of
the sentences to train. The two parts are written next to the train file as train.split.txt and dev.split.txt,
in its encoding and column separator; a run file whose data.train is already one of them is refused, since that
would write over the file being read.

  --config FILE  the run file (YAML; see README.md, "Configuration")
  --ratio R      share of train kept for training when dev is carved from it (default 0.8)`;

const spec = {
  options: { config: { type: 'string' }, ratio: { type: 'string' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

function parseRatio(text: string | undefined): number {
  if (text === undefined) return 0.8;
  const ratio = Number(text);
  if (!(ratio > 0 && ratio < 1)) throw new UsageError(`--ratio must be a number between 0 and 1, not ${JSON.stringify(text)}`);
  return ratio;
}

const rowsOf = (s: Sentence) => s.tokens.map((t, i) => [t, ...(s.extra ?? []).map((col) => col[i]), s.tags[i]]);

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.config) throw new UsageError('prepare-data needs --config FILE');
  const ratio = parseRatio(options.ratio);
  const runFile = readRunFile(options.config);
  const { files, dataset, prepared, hadErrors } = loadRunData(runFile, ratio);
  const stats = datasetStats(dataset);
  const labels = prepared.vocab.labels;

  const lines = [`${runFile.file}: ${files.train!.scheme}, ${labels.length} labels: ${labels.join(' ')}`];
  const source = (split: SplitName) =>
    files[split] ? files[split].file : split === 'dev' && dataset.dev.length > 0 ? `carved from train (${Math.round(ratio * 100)}/${Math.round((1 - ratio) * 100)})` : 'none';
  const width = Math.max(...(['train', 'dev', 'test'] as const).map((s) => source(s).length));
  for (const split of ['train', 'dev', 'test'] as const) {
    const s = stats.splits[split];
    const types = Object.entries(s.entities).map(([t, n]) => `${t} ${count(n)}`).join('  ');
    lines.push(
      `  ${split.padEnd(5)}  ${source(split).padEnd(width)}  ${count(s.sentences).padStart(7)} sentences  ${count(s.tokens).padStart(9)} tokens  ${count(s.entityTotal).padStart(7)} entities${types ? `  (${types})` : ''}`,
    );
  }
  for (const split of ['dev', 'test'] as const) {
    const rate = stats.oov[split];
    if (rate !== null) lines.push(`  ${split} tokens not in train: ${percent(rate)}`);
  }
  for (const o of stats.overlaps) {
    if (o.sentences === 0) continue;
    const examples = o.examples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ');
    lines.push(`  sentences in both ${o.splits[0]} and ${o.splits[1]}: ${count(o.sentences)}${examples ? `, e.g. ${examples}` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  if (!files.dev && dataset.dev.length > 0) writeSplit(runFile, files.train!, dataset);
  return hadErrors ? 1 : 0;
}

/** Writes the train/dev split next to the train file, both or neither, never over a file the run file names. */
function writeSplit(runFile: RunFile, train: ParsedInput, dataset: Dataset): void {
  const trainPath = typedPath(runFile, runFile.yaml.data.train!);
  const inputs: InputFile[] = [{ path: runFile.file, role: 'the run file' }];
  for (const split of ['train', 'dev', 'test'] as const) {
    const path = runFile.yaml.data[split];
    if (path) inputs.push({ path: typedPath(runFile, path), role: `data.${split} of ${runFile.file}` });
  }
  const targets = (['train', 'dev'] as const).map((split) => join(dirname(trainPath), `${split}.split.txt`));
  for (const target of targets) checkTarget(target, inputs);
  const rows = { train: dataset.train.map(rowsOf), dev: dataset.dev.map(rowsOf) };
  const unwritable = (['train', 'dev'] as const).flatMap((split) => unwritableCells(train.file, dataset[split], (_s, n) => rows[split][n], ['token']));
  if (unwritable.length > 0) {
    reportDiagnostics(unwritable);
    throw new CliError(`${train.file} has tokens a column file cannot hold (listed above); the split was not written`);
  }
  const separator = columnSeparatorFor([...rows.train, ...rows.dev], train.separator);
  const encoding = train.encoding ?? 'utf-8';
  targets.forEach((target, i) => writeOutputFile(target, columnText(i === 0 ? rows.train : rows.dev, separator), { encoding, inputs }));
  const kept = encoding === 'utf-8' ? '' : ` in ${ENCODING_LABELS[encoding]} as ${train.file}`;
  process.stdout.write(
    `no data.dev: wrote the split to ${targets[0]} (${count(dataset.train.length)} sentences) and ${targets[1]} (${count(dataset.dev.length)})${kept};\n` +
      `  set data.train and data.dev to them to train on exactly this split\n`,
  );
}
