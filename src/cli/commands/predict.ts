/**
 * @file `ner predict --checkpoint FILE --data FILE [-o OUT]`: tags a data file with a checkpoint and writes token, gold
 * and predicted tag columns, conlleval's input, so `ner score OUT` scores it as `ner evaluate` does.
 */
import { writeFileSync } from 'node:fs';
import { getSpans } from '../../core/tags/tags';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { tagWithCheckpoint } from '../checkpointTags';
import { columnText, count } from '../io';

export const summary = 'tag a data file with a checkpoint; writes token, gold and predicted columns';

export const usage = `usage: ner predict --checkpoint FILE --data FILE [-o OUT]

Tags the sentences of --data with the checkpoint on tfjs' wasm backend and writes one line per token,
"token gold predicted", with a blank line after each sentence: conlleval's input, which \`ner score\` reads. --data
may be any format ner stats reads, or tokens alone (one a line, blank lines between sentences), whose gold
column is then O.

  --checkpoint FILE  the checkpoint zip (checkpoint.zip from ner train or the studio's download)
  --data FILE        the sentences to tag; - reads standard input
  -o, --output OUT   write to OUT instead of standard output`;

const spec = {
  options: { checkpoint: { type: 'string' }, data: { type: 'string' }, output: { type: 'string', short: 'o' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.checkpoint || !options.data) throw new UsageError('predict needs --checkpoint FILE and --data FILE');
  const { sentences, gold, pred } = await tagWithCheckpoint(options.checkpoint, options.data);
  const text = columnText(sentences.map((s, n) => s.tokens.map((token, i) => [token, gold[n][i], pred[n][i]])));
  if (!options.output || options.output === '-') {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(options.output, text);
  } catch (e) {
    throw new CliError(`cannot write ${options.output}: ${(e as Error).message}`);
  }
  const entities = pred.reduce((n, tags) => n + getSpans(tags).length, 0);
  process.stderr.write(`wrote ${options.output}: ${count(sentences.length)} sentences, ${count(entities)} predicted entities\n`);
  return 0;
}
