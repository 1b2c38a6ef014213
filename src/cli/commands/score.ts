/**
 * @file `ner score FILE [--mode default|strict] [--json]`: seqeval's entity scores for a conlleval-style file whose
 * last two columns are the gold and the predicted tag, printed the way conlleval prints them.
 */
import { parseColumns } from '../../core/formats/conll';
import { parseArgs } from '../args';
import { CliError } from '../command';
import { readInput, reportDiagnostics } from '../io';
import { printScores, SCHEMES } from '../scoreReport';

export const summary = 'entity precision, recall and F1 of a file with gold and predicted tag columns';

export const usage = `usage: ner score FILE [--mode default|strict] [--scheme iob2|iobes|bilou] [--json]

Scores FILE, a column file (conlleval's input) whose last two columns are the gold and the predicted tag, the way
seqeval does: entity-level micro precision, recall and F1 per type and overall, and token accuracy.

  --mode default  conlleval-compatible: an I- after O opens an entity (seqeval's default)
  --mode strict   only entities well formed in the scheme count (seqeval mode='strict')
  --scheme NAME   the scheme for strict mode; default: detected from the gold column
  --json          print {"precision","recall","f1","accuracy","per_type":{TYPE:{"precision","recall","f1","support"}}}`;

const spec = {
  options: {
    mode: { type: 'string', choices: ['default', 'strict'] },
    scheme: { type: 'string', choices: ['iob2', 'iobes', 'bilou'] },
    json: { type: 'boolean' },
  },
  positionals: { name: 'FILE', min: 1, max: 1 },
} as const;

/** Gold and predicted tags per sentence from the file's last two columns. */
function readGoldAndPred(path: string): { file: string; gold: string[][]; pred: string[][] } {
  const file = path === '-' ? '(stdin)' : path;
  const parsed = parseColumns(readInput(path), file, { tagColumn: -1 });
  // The reader's only warning is "every tag is O" about the predicted column; the gold column is checked below.
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  reportDiagnostics(errors);
  if (parsed.sentences.length === 0) throw new CliError(`${file}: nothing to score`);
  if (errors.length > 0) throw new CliError(`${file} has errors (listed above); scores without the skipped sentences would mislead`);
  const first = parsed.sentences[0];
  if (!first.extra) {
    throw new CliError(`${file} line ${first.line} has 2 columns; score needs a token, a gold tag and a predicted tag (the last two columns)`);
  }
  const gold = parsed.sentences.map((s) => s.extra![s.extra!.length - 1]);
  const pred = parsed.sentences.map((s) => s.tags);
  if (gold.every((tags) => tags.every((t) => t === 'O'))) {
    process.stderr.write(`warning: ${file}: the gold column (second to last) has no entities: every tag is O\n`);
  }
  return { file, gold, pred };
}

export async function run(args: string[]): Promise<number> {
  const { options, positionals } = parseArgs(args, spec);
  const { gold, pred } = readGoldAndPred(positionals[0]);
  const scheme = options.scheme ? SCHEMES[options.scheme] : undefined;
  printScores(gold, pred, { mode: options.mode === 'strict' ? 'strict' : 'default', scheme, json: options.json });
  return 0;
}
