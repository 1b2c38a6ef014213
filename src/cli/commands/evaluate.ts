/**
 * @file `ner evaluate --checkpoint FILE --data FILE [--mode default|strict] [--json]`: a checkpoint's entity scores on
 * a data file, printed exactly as `ner score` prints them. On the dev data of its run, a checkpoint scores the
 * dev F1 the studio or `ner train` recorded for it.
 */
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { tagWithCheckpoint } from '../checkpointTags';
import { printScores, SCHEMES } from '../scoreReport';
import { strictMismatch, strictSchemeOf } from '../../core/metrics/scoreChecks';

export const usage = `usage: ner evaluate --checkpoint FILE --data FILE [--mode default|strict] [--scheme iob2|iobes|bilou] [--json] [--fix-tags]

Tags the sentences of --data (any format ner stats reads) with the checkpoint (checkpoint.zip from ner train or
the studio's download) on tfjs' wasm backend, and scores the predictions against the file's tags the way
\`ner score\` does: entity-level micro precision, recall and F1 per type and overall, and token accuracy.

  --checkpoint FILE  the checkpoint zip
  --data FILE        gold data; - reads standard input
  --mode default     conlleval-compatible: an I- after O opens an entity (seqeval's default)
  --mode strict      only entities well formed in the scheme count (seqeval mode='strict')
  --scheme NAME      the scheme for strict mode; default: detected from the gold tags
  --json             print {"precision","recall","f1","accuracy","per_type":{TYPE:{"precision","recall","f1","support"}}}
  --fix-tags         repair tags whose meaning is clear (b-per -> B-PER); else a file with such tags is refused

Entity types in --data that the checkpoint has no label for are named on stderr with their counts.`;

const spec = {
  options: {
    checkpoint: { type: 'string' },
    data: { type: 'string' },
    mode: { type: 'string', choices: ['default', 'strict'] },
    scheme: { type: 'string', choices: ['iob2', 'iobes', 'bilou'] },
    json: { type: 'boolean' },
    'fix-tags': { type: 'boolean' },
  },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.checkpoint || !options.data) throw new UsageError('evaluate needs --checkpoint FILE and --data FILE');
  const tagged = await tagWithCheckpoint(options.checkpoint, options.data, { fixTags: options['fix-tags'] });
  if (!tagged.tagged) throw new CliError(`${tagged.file} has no tag column, so there is nothing to score against; use ner predict to tag it`);
  const scheme = options.scheme ? SCHEMES[options.scheme] : undefined;
  const mode = options.mode === 'strict' ? 'strict' : 'default';
  const mismatch = mode === 'strict' ? strictMismatch(tagged.gold, tagged.pred, strictSchemeOf(tagged.gold, scheme)) : null;
  if (mismatch) {
    const s = tagged.sentences[mismatch.sentence];
    const where = s.line !== undefined ? `line ${s.line + (tagged.format === 'columns' ? mismatch.token : 0)}` : `sentence ${mismatch.sentence + 1}`;
    throw new CliError(`${tagged.file} ${where}: ${mismatch.message}; no scores were printed`);
  }
  printScores(tagged.gold, tagged.pred, { mode, scheme, json: options.json });
  return 0;
}
