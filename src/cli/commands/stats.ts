/** @file `ner stats FILE... [--json]`: what the studio shows about a dataset, file by file, and across named splits. */
import { datasetStats, splitStats, type Distribution } from '../../core/dataset/stats';
import { splitFromFileName } from '../../core/dataset/splits';
import type { Sentence, SplitName } from '../../core/types';
import { parseArgs } from '../args';
import { CliError } from '../command';
import { count, loadFile, percent, splitLabels } from '../io';

export const usage = `usage: ner stats FILE... [--json] [--labels NAMES] [--fix-tags]

Reads each FILE (column files such as CoNLL-2003 or Universal NER, doccano / Label Studio JSONL with character
spans, Hugging Face JSON / JSONL with tokens and ner_tags) and prints its tag scheme, sentences, tokens and entities
per type (spans, conlleval reading), with sentence- and entity-length distributions. When the file names mark
train / dev / test splits, also prints the out-of-vocabulary rate of dev and test against train and the sentences
found in more than one split. Problems in a file go to stderr, naming its line; the exit status is 1 when any
file had errors (its numbers then leave out the sentences that were skipped).

  --json          print {"files":[{"file","scheme","sentences","tokens","entities":{TYPE:count}}]}
  --labels NAMES  comma-separated label names for Hugging Face files whose ner_tags are class ids
  --fix-tags      repair tags whose meaning is clear (b-per -> B-PER, o -> O, B_PER -> B-PER); without it a
                  sentence holding a tag of no scheme is skipped with an error naming its line`;

const spec = {
  options: { json: { type: 'boolean' }, labels: { type: 'string' }, 'fix-tags': { type: 'boolean' } },
  positionals: { name: 'FILE', min: 1, max: Infinity },
} as const;

const describe = (d: Distribution) =>
  d.count === 0 ? 'none' : `min ${d.min}  median ${d.median}  mean ${d.mean.toFixed(1)}  max ${d.max}`;

function splitSection(named: { split: SplitName; sentences: Sentence[] }[]): string {
  const splits: Record<SplitName, Sentence[]> = { train: [], dev: [], test: [] };
  for (const n of named) for (const s of n.sentences) splits[n.split].push(s);
  const stats = datasetStats(splits);
  const lines = ['across splits'];
  for (const split of ['dev', 'test'] as const) {
    const rate = stats.oov[split];
    if (rate !== null) lines.push(`  ${split} tokens not in train: ${percent(rate)}`);
  }
  for (const o of stats.overlaps) {
    if (splits[o.splits[0]].length === 0 || splits[o.splits[1]].length === 0) continue;
    const examples = o.examples.length > 0 ? `, e.g. ${o.examples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ')}` : '';
    lines.push(`  sentences in both ${o.splits[0]} and ${o.splits[1]}: ${count(o.sentences)}${examples}`);
  }
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { options, positionals } = parseArgs(args, spec);
  const labels = splitLabels(options.labels);
  const files: { file: string; scheme: string; sentences: Sentence[] }[] = [];
  let failed = 0;
  for (const path of positionals) {
    try {
      const parsed = loadFile(path, { labels, fixTags: options['fix-tags'] });
      files.push({ file: parsed.file, scheme: parsed.scheme, sentences: parsed.sentences });
      // Sentences with errors were skipped: the numbers are printed, but they are not the whole file's.
      if (parsed.diagnostics.some((d) => d.severity === 'error')) failed++;
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      process.stderr.write(`error: ${e.message}\n`);
      failed++;
    }
  }

  if (options.json) {
    const out = files.map(({ file, scheme, sentences }) => {
      const s = splitStats(sentences);
      return { file, scheme, sentences: s.sentences, tokens: s.tokens, entities: s.entities };
    });
    process.stdout.write(`${JSON.stringify({ files: out }, null, 2)}\n`);
  } else {
    const blocks = files.map(({ file, scheme, sentences }) => {
      const s = splitStats(sentences);
      const types = Object.entries(s.entities).map(([t, n]) => `${t} ${count(n)}`).join('  ') || 'none';
      return [
        `${file}: ${scheme}, ${count(s.sentences)} sentences, ${count(s.tokens)} tokens, ${count(s.entityTotal)} entities`,
        `  entities         ${types}`,
        `  sentence length  ${describe(s.sentenceLength)}`,
        `  entity length    ${describe(s.entityLength)}`,
      ].join('\n');
    });
    const named = files.flatMap((f) => {
      const split = splitFromFileName(f.file);
      return split ? [{ split, sentences: f.sentences }] : [];
    });
    if (named.some((n) => n.split === 'train') && new Set(named.map((n) => n.split)).size > 1) blocks.push(splitSection(named));
    if (blocks.length > 0) process.stdout.write(`${blocks.join('\n\n')}\n`);
  }
  return failed > 0 ? 1 : 0;
}
