/**
 * @file `ner predict --checkpoint FILE --data FILE [-o OUT]`: tags a data file with a checkpoint and writes token, gold
 * and predicted tag columns, conlleval's input, so `ner score OUT` scores it as `ner evaluate` does.
 */
import { columnSeparatorFor, columnText, unwritableCells } from '../../core/formats/columnWrite';
import { ENCODING_LABELS } from '../../core/formats/encoding';
import { getSpans } from '../../core/tags/tags';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { tagWithCheckpoint } from '../checkpointTags';
import { count, reportDiagnostics } from '../io';
import { checkTarget, stdoutWriter, writeOutputFile } from '../output';

export const usage = `usage: ner predict --checkpoint FILE --data FILE [-o OUT] [--fix-tags]

Tags the sentences of --data with the checkpoint on tfjs' wasm backend and writes one line per token,
"token gold predicted", with a blank line after each sentence: conlleval's input, which \`ner score\` reads. --data
may be any format ner stats reads, or tokens alone (one a line, blank lines between sentences), whose gold
column is then O. The output keeps the encoding of --data, and separates columns by tabs when --data did or a
token holds a space, so \`ner score\` reads every token back whole. OUT is written whole or not at all.

  --checkpoint FILE  the checkpoint zip (checkpoint.zip from ner train or the studio's download)
  --data FILE        the sentences to tag; - reads standard input
  -o, --output OUT   write to OUT instead of standard output
  --fix-tags         repair gold tags whose meaning is clear (b-per -> B-PER); else a file with such tags is refused`;

const spec = {
  options: { checkpoint: { type: 'string' }, data: { type: 'string' }, output: { type: 'string', short: 'o' }, 'fix-tags': { type: 'boolean' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.checkpoint || !options.data) throw new UsageError('predict needs --checkpoint FILE and --data FILE');
  const target = options.output && options.output !== '-' ? options.output : null;
  const inputs = [
    { path: options.data, role: '--data' },
    { path: options.checkpoint, role: '--checkpoint' },
  ];
  if (target) checkTarget(target, inputs);
  const tagged = await tagWithCheckpoint(options.checkpoint, options.data, { fixTags: options['fix-tags'] });
  const { sentences, gold, pred, file, encoding } = tagged;
  const rows = sentences.map((s, n) => s.tokens.map((token, i) => [token, gold[n][i], pred[n][i]]));
  const unwritable = unwritableCells(file, sentences, (_s, n) => rows[n], ['token', 'gold tag', 'predicted tag']);
  if (unwritable.length > 0) {
    reportDiagnostics(unwritable);
    throw new CliError(`${file} has tokens a column file cannot hold (listed above); nothing was written`);
  }
  const text = columnText(rows, columnSeparatorFor(rows, tagged.separator));
  if (!target) {
    stdoutWriter(encoding)(text);
    return 0;
  }
  writeOutputFile(target, text, { encoding, inputs });
  const entities = pred.reduce((n, tags) => n + getSpans(tags).length, 0);
  const kept = encoding === 'utf-8' ? '' : ` (${ENCODING_LABELS[encoding]}, as ${file})`;
  process.stderr.write(`wrote ${target}${kept}: ${count(sentences.length)} sentences, ${count(entities)} predicted entities\n`);
  return 0;
}
