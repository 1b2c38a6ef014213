/**
 * @file `ner convert FILE --to iob1|iob2|bioes|bilou [-o OUT]`: re-tags a file in another scheme. A column file
 * comes out line for line as it went in (comments, DOCSTART lines, separators, other columns), only the tag column
 * changed; JSON input comes out as a two-column file.
 */
import { writeFileSync } from 'node:fs';
import { sniffColumnLayout } from '../../core/formats/columnLayout';
import { convertScheme, type TagScheme } from '../../core/tags/tags';
import type { Sentence } from '../../core/types';
import { parseArgs } from '../args';
import { columnText, loadFile, readInput } from '../io';
import { CliError } from '../command';

export const summary = 'convert the tags of a file to another scheme (IOB1, IOB2, BIOES, BILOU)';

export const usage = `usage: ner convert FILE --to iob1|iob2|bioes|bilou [-o OUT]

Re-tags FILE in the scheme given by --to, through the entities the conlleval reading finds, so conversion is
lossless between valid files and repairs slips such as an I- after O on the way. A column file keeps every line
and column; only the tag column changes. JSON / JSONL input is written as "token tag" lines. Writes to standard
output unless -o is given. Tag scheme problems in FILE are listed on stderr first.

  --to SCHEME   iob1, iob2, bioes (also iobes) or bilou
  -o, --output  write to this file instead of standard output`;

const SCHEMES: Record<string, TagScheme> = { iob1: 'IOB1', iob2: 'IOB2', bioes: 'IOBES', iobes: 'IOBES', bilou: 'BILOU' };

const spec = {
  options: { to: { type: 'string', choices: Object.keys(SCHEMES) }, output: { type: 'string', short: 'o' } },
  positionals: { name: 'FILE', min: 1, max: 1 },
} as const;

/** Replaces column `index` (negative: from the end) of a column-file line, keeping every separator as it was. */
export function replaceColumn(line: string, index: number, value: string): string {
  if (line.includes('\t')) {
    const body = line.replace(/[ \t\f\v]+$/, '');
    const cells = body.split('\t');
    const k = index < 0 ? cells.length + index : index;
    cells[k] = cells[k].replace(/^([ \f\v]*)(.*?)([ \f\v]*)$/, (_m, lead: string, _old: string, trail: string) => lead + value + trail);
    return cells.join('\t') + line.slice(body.length);
  }
  const fields = [...line.matchAll(/[^ \f\v]+/g)];
  const field = fields[index < 0 ? fields.length + index : index];
  return line.slice(0, field.index) + value + line.slice(field.index + field[0].length);
}

/** The file's text with each token line's tag column set to its new tag. Token i of a sentence is on line s.line + i. */
function rewriteColumnFile(text: string, sentences: Sentence[], newTags: string[][], tagColumn: number): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parts = text.split(/(\r\n|\n|\r)/); // lines at even indices, their line ends at odd ones
  sentences.forEach((s, n) => {
    newTags[n].forEach((tag, i) => {
      const k = 2 * (s.line! + i - 1);
      parts[k] = replaceColumn(parts[k], tagColumn, tag);
    });
  });
  return parts.join('');
}

const columnsText = (sentences: Sentence[], newTags: string[][]) =>
  columnText(sentences.map((s, n) => s.tokens.map((t, i) => [t, newTags[n][i]])));

export async function run(args: string[]): Promise<number> {
  const { options, positionals } = parseArgs(args, spec);
  if (!options.to) throw new CliError('convert needs --to iob1|iob2|bioes|bilou', 2);
  const to = SCHEMES[options.to];
  const [path] = positionals;
  const text = readInput(path);
  const parsed = loadFile(path, {}, text);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) {
    throw new CliError(`${parsed.file} has errors (listed above); fix them before converting, or lines would be lost`);
  }
  const newTags = parsed.sentences.map((s) => convertScheme(s.tags, to));
  let out: string;
  if (parsed.format === 'columns') {
    const layout = sniffColumnLayout(text);
    out = rewriteColumnFile(text, parsed.sentences, newTags, layout.tagColumn ?? -1);
  } else out = columnsText(parsed.sentences, newTags);

  if (options.output) {
    writeFileSync(options.output, out);
    const changed = newTags.reduce((n, tags, s) => n + tags.filter((t, i) => t !== parsed.sentences[s].tags[i]).length, 0);
    process.stderr.write(`wrote ${options.output}: ${parsed.scheme} -> ${to}, ${changed} tags changed\n`);
  } else process.stdout.write(out);
  return 0;
}
