/**
 * @file `ner score FILE [--mode default|strict] [--json]`: seqeval's entity scores for a conlleval-style file whose
 * last two columns are the gold and the predicted tag, printed the way conlleval prints them.
 */
import { parseColumns } from '../../core/formats/conll';
import { parseArgs } from '../args';
import { CliError } from '../command';
import { readInput, reportDiagnostics } from '../io';
import { printScores, SCHEMES, type ScoreMode } from '../scoreReport';
import { disjointTypes, strictMismatch, strictSchemeOf, type ScoreProblem } from '../../core/metrics/scoreChecks';
import { columnLineOf } from '../../core/tags/schemeCheck';
import { knownTypes, TagFormCheck } from '../../core/tags/tagForm';
import type { StrictScheme } from '../../core/tags/tags';
import type { Diagnostic, Sentence } from '../../core/types';

export const usage = `usage: ner score FILE [--mode default|strict] [--scheme iob2|iobes|bilou] [--json] [--fix-tags]

Scores FILE, a column file (conlleval's input) whose last two columns are the gold and the predicted tag, the way
seqeval does: entity-level micro precision, recall and F1 per type and overall, and token accuracy.

  --mode default  conlleval-compatible: an I- after O opens an entity (seqeval's default)
  --mode strict   only entities well formed in the scheme count (seqeval mode='strict')
  --scheme NAME   the scheme for strict mode; default: detected from the gold column
  --json          print {"precision","recall","f1","accuracy","per_type":{TYPE:{"precision","recall","f1","support"}}}
  --fix-tags      repair tags whose meaning is clear (b-per -> B-PER) instead of refusing the file

A file is refused, naming the line, rather than scored wrong: a tag that fits no scheme, gold and predicted columns
with no entity type in common (a data file's chunk and NER columns), or in strict mode a column tagged in another
scheme than the one scored (which strict mode would read as O).`;

const spec = {
  options: {
    mode: { type: 'string', choices: ['default', 'strict'] },
    scheme: { type: 'string', choices: ['iob2', 'iobes', 'bilou'] },
    json: { type: 'boolean' },
    'fix-tags': { type: 'boolean' },
  },
  positionals: { name: 'FILE', min: 1, max: 1 },
} as const;

/** The reasons a file cannot be scored, each an error naming its line; none for a well-formed file. */
function scoreProblems(file: string, sentences: Sentence[], gold: string[][], pred: string[][], strict: StrictScheme | null): Diagnostic[] {
  const lineOf = (s: number, token: number) => (sentences[s].line ?? 0) + token;
  const error = (p: ScoreProblem): Diagnostic => ({ severity: 'error', file, line: lineOf(p.sentence, p.token), message: `${file} line ${lineOf(p.sentence, p.token)}: ${p.message}` });
  const problems: Diagnostic[] = [];
  const clash = disjointTypes(gold, pred);
  if (clash) problems.push(error(clash));
  const mismatch = strict ? strictMismatch(gold, pred, strict) : null;
  if (mismatch) problems.push(error(mismatch));
  return problems;
}

/** Each column's tags through the tag-form check: a tag of no scheme is an error naming its line (or is repaired). */
function checkColumns(file: string, sentences: Sentence[], gold: string[][], pred: string[][], fixTags: boolean) {
  const diagnostics: Diagnostic[] = [];
  // Both columns spell the same types: a repaired predicted tag takes the gold column's spelling too.
  const types = knownTypes([...gold, ...pred].map((tags) => ({ tags })));
  const columns = ([['gold column (second to last)', gold], ['predicted column (last)', pred]] as const).map(([column, tags]) => {
    const asSentences = sentences.map((s, n) => ({ ...s, tags: tags[n] }));
    const check = new TagFormCheck(file, columnLineOf, types, fixTags, { column, consequence: 'the file cannot be scored' });
    const kept = asSentences.map((s, n) => check.check(s, n));
    diagnostics.push(...check.diagnostics());
    return kept.map((s, n) => s?.tags ?? tags[n]);
  });
  return { gold: columns[0], pred: columns[1], diagnostics };
}

/** Gold and predicted tags per sentence from the file's last two columns. */
function readGoldAndPred(path: string, options: { mode: ScoreMode; scheme?: StrictScheme; fixTags: boolean }): { file: string; gold: string[][]; pred: string[][] } {
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
  const checked = checkColumns(
    file,
    parsed.sentences,
    parsed.sentences.map((s) => s.extra![s.extra!.length - 1]),
    parsed.sentences.map((s) => s.tags),
    options.fixTags,
  );
  const { gold, pred } = checked;
  const strict = options.mode === 'strict' ? strictSchemeOf(gold, options.scheme) : null;
  // Tags of no scheme first: until they are right, what the columns' types say means little.
  const formErrors = checked.diagnostics.some((d) => d.severity === 'error');
  const problems = [...checked.diagnostics, ...(formErrors ? [] : scoreProblems(file, parsed.sentences, gold, pred, strict))];
  reportDiagnostics(problems);
  if (problems.some((d) => d.severity === 'error')) throw new CliError(`${file} cannot be scored as it is (see above); no scores were printed`);
  if (gold.every((tags) => tags.every((t) => t === 'O'))) {
    process.stderr.write(`warning: ${file}: the gold column (second to last) has no entities: every tag is O\n`);
  }
  return { file, gold, pred };
}

export async function run(args: string[]): Promise<number> {
  const { options, positionals } = parseArgs(args, spec);
  const mode: ScoreMode = options.mode === 'strict' ? 'strict' : 'default';
  const scheme = options.scheme ? SCHEMES[options.scheme] : undefined;
  const { gold, pred } = readGoldAndPred(positionals[0], { mode, scheme, fixTags: options['fix-tags'] });
  printScores(gold, pred, { mode, scheme, json: options.json });
  return 0;
}
