/**
 * @file `ner prepare-data --config FILE [--ratio 0.8]`: the data of a run file as training will see it (the
 * seed pipeline's first half). Prints each split's size and entities, the labels, out-of-vocabulary rates and
 * sentences shared between splits; where there is no dev file, writes the train/dev split it made to files.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { datasetStats } from '../../core/dataset/stats';
import type { Sentence, SplitName } from '../../core/types';
import { parseArgs } from '../args';
import { UsageError } from '../command';
import { columnText, count, percent } from '../io';
import { loadRunData, pathFromRunFile, readRunFile, shown } from '../runFile';

export const summary = 'read, check and split the data of a run file, with statistics';

export const usage = `usage: ner prepare-data --config FILE [--ratio 0.8]

Reads data.train, data.dev and data.test of the run file FILE (paths relative to FILE) the way the studio and
\`ner train\` do, and prints per split its sentences, tokens and entities per type, the labels, the share of dev
and test tokens never seen in train, and sentences found in more than one split. Problems in the files go to
stderr, naming file and line; the exit status is 1 when a file had errors (its sentences with errors are skipped).

Without data.dev, dev is carved from train: a seeded shuffle (seed 13, as in the studio), then the first RATIO of
the sentences to train. The two parts are written next to the train file as train.split.txt and dev.split.txt.

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

  if (!files.dev && dataset.dev.length > 0) {
    const dir = dirname(pathFromRunFile(runFile, runFile.yaml.data.train!));
    const written = (['train', 'dev'] as const).map((split) => {
      const path = join(dir, `${split}.split.txt`);
      writeFileSync(path, columnText(dataset[split].map(rowsOf)));
      return shown(path);
    });
    process.stdout.write(
      `no data.dev: wrote the split to ${written[0]} (${count(dataset.train.length)} sentences) and ${written[1]} (${count(dataset.dev.length)});\n` +
        `  set data.train and data.dev to them to train on exactly this split\n`,
    );
  }
  return hadErrors ? 1 : 0;
}
