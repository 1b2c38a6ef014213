/**
 * @file `ner convert FILE --to iob1|iob2|bioes|bilou [-o OUT] [--fix-tags]`: re-tags a file in another scheme. A
 * column file streams through (any size, little memory) and comes out line for line as it went in (comments, DOCSTART
 * lines, separators, other columns, encoding and byte-order mark), only the tag column changed; JSON input comes out
 * as a two-column file.
 */
import { columnSeparatorFor, columnText, unwritableCells } from '../../core/formats/columnWrite';
import { ColumnRewriter } from '../../core/formats/columnRewrite';
import { ENCODING_LABELS, type TextEncoding } from '../../core/formats/encoding';
import { FileParser } from '../../core/formats/stream';
import type { ParsedInput } from '../../core/formats';
import { columnLineOf, StreamingSchemeCheck } from '../../core/tags/schemeCheck';
import { countTypes, TagFormCheck, typeSpellings } from '../../core/tags/tagForm';
import { convertScheme, SchemeVote, type TagScheme } from '../../core/tags/tags';
import type { Diagnostic, Sentence } from '../../core/types';
import { parseArgs } from '../args';
import { CliError } from '../command';
import { decodeFile, inputName, noteEncoding } from '../input';
import { reportDiagnostics } from '../io';
import { checkTarget, OutputFile, stdoutWriter, type InputFile } from '../output';

export const usage = `usage: ner convert FILE --to iob1|iob2|bioes|bilou [-o OUT] [--fix-tags]

Re-tags FILE in the scheme given by --to, through the entities the conlleval reading finds, so conversion is
lossless between valid files and repairs slips such as an I- after O on the way. A column file keeps every line
and column, its encoding and byte-order mark; only the tag column changes. JSON / JSONL input is written as
"token tag" lines (tab-separated when a token holds a space). Writes to standard output unless -o is given; OUT is
written whole or not at all, and never over FILE. Problems in FILE are listed on stderr first; a file with errors
is not converted.

  --to SCHEME   iob1, iob2, bioes (also iobes) or bilou
  -o, --output  write to this file instead of standard output
  --fix-tags    repair tags whose meaning is clear (b-per -> B-PER, o -> O, B_PER -> B-PER) instead of refusing them`;

const SCHEMES: Record<string, TagScheme> = { iob1: 'IOB1', iob2: 'IOB2', bioes: 'IOBES', iobes: 'IOBES', bilou: 'BILOU' };

const spec = {
  options: { to: { type: 'string', choices: Object.keys(SCHEMES) }, output: { type: 'string', short: 'o' }, 'fix-tags': { type: 'boolean' } },
  positionals: { name: 'FILE', min: 1, max: 1 },
} as const;

/** Where converted text goes: OUT, written whole or not at all, or standard output; either in the input's encoding. */
class Output {
  private file: OutputFile | null = null;
  private stdout: ((text: string) => void) | null = null;
  private pending = '';
  private encoding: () => TextEncoding = () => 'utf-8';

  constructor(
    private readonly target: string | null,
    private readonly inputs: InputFile[],
  ) {}

  /** A new read of the input begins (again, when it was not UTF-8 after all): what was written is dropped. */
  begin(encoding: () => TextEncoding): void {
    this.file?.abort();
    this.file = null;
    this.pending = '';
    this.encoding = encoding;
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 20) this.flush();
  }

  commit(): void {
    this.flush();
    this.file?.commit();
  }

  abort(): void {
    this.file?.abort();
  }

  private flush(): void {
    if (this.pending === '') return;
    if (this.target) (this.file ??= new OutputFile(this.target, { encoding: this.encoding(), inputs: this.inputs })).write(this.pending);
    else (this.stdout ??= stdoutWriter(this.encoding()))(this.pending);
    this.pending = '';
  }
}

interface Pass {
  encoding: TextEncoding;
  /** The file as read: a JSON file's sentences are here; a column file's streamed by. */
  parsed: ParsedInput;
  diagnostics: Diagnostic[];
  scheme: TagScheme;
  changed: number;
  /** Type spellings of the well-formed tags (tagForm.ts knownTypes), for --fix-tags. */
  types: Map<string, string>;
}

/**
 * One read of FILE: every column-file sentence is checked as it streams by and, with an output, its lines go there
 * re-tagged. `types`: the spellings a first read found, to repair tags with; null repairs nothing.
 */
function convertPass(path: string, to: TagScheme, types: Map<string, string> | null, output: Output | null, encoding?: TextEncoding): Pass {
  const file = inputName(path);
  let parser!: FileParser;
  let rewriter: ColumnRewriter | null = null;
  let vote!: SchemeVote;
  let schemes!: StreamingSchemeCheck;
  let forms!: TagFormCheck;
  let counts!: Map<string, number>;
  let changed = 0;
  let n = 0;
  const onSentence = (s: Sentence) => {
    countTypes(s.tags, counts);
    const kept = forms.check(s, n++);
    if (!kept) {
      rewriter = null; // the output will be dropped: stop holding lines for it
      return;
    }
    vote.add(kept.tags);
    schemes.add(kept);
    if (!rewriter) return;
    const tags = convertScheme(kept.tags, to);
    for (let i = 0; i < tags.length; i++) if (tags[i] !== s.tags[i]) changed++;
    rewriter.sentence(s.line!, tags);
  };
  const used = decodeFile(
    path,
    (decoder) => {
      counts = new Map();
      vote = new SchemeVote();
      schemes = new StreamingSchemeCheck(file, columnLineOf);
      forms = new TagFormCheck(file, columnLineOf, types ?? new Map(), types !== null);
      changed = n = 0;
      parser = new FileParser(file, { onSentence, fixTags: types !== null });
      output?.begin(() => decoder.encoding!);
      rewriter = output && new ColumnRewriter(() => parser.layout?.tagColumn ?? -1, (text) => output.write(text));
      return (text) => {
        rewriter?.text(text);
        parser.push(text);
      };
    },
    encoding,
  );
  const last = rewriter as ColumnRewriter | null; // assigned in callbacks, which TypeScript does not follow
  last?.end();
  const parsed = parser.finish();
  // A JSON file's lines were held but never given out: it is written from its sentences.
  if (parsed.format === 'columns') last?.finish();
  const known = typeSpellings(counts);
  if (parsed.format === 'json') return { encoding: used, parsed, diagnostics: parsed.diagnostics, scheme: parsed.scheme, changed, types: known };
  const diagnostics = [...parsed.diagnostics, ...forms.diagnostics(), ...schemes.diagnostics(vote.scheme)];
  return { encoding: used, parsed, diagnostics, scheme: vote.scheme, changed, types: known };
}

/** JSON input as "token tag" lines; a token no column file can hold is an error naming its record's line. */
function jsonAsColumns(parsed: ParsedInput, to: TagScheme): { text: string; changed: number } {
  const rows = (s: Sentence) => s.tokens.map((t, i) => [t, s.tags[i]]);
  const unwritable = unwritableCells(parsed.file, parsed.sentences, rows, ['token', 'tag']);
  if (unwritable.length > 0) {
    reportDiagnostics(unwritable);
    throw new CliError(`${parsed.file} has tokens a column file cannot hold (listed above); nothing was written`);
  }
  let changed = 0;
  const converted = parsed.sentences.map((s) => {
    const tags = convertScheme(s.tags, to);
    changed += tags.filter((t, i) => t !== s.tags[i]).length;
    return s.tokens.map((t, i) => [t, tags[i]]);
  });
  return { text: columnText(converted, columnSeparatorFor(converted)), changed };
}

/** Lists a pass's problems; a file with errors or no sentences ends the command before anything is written. */
function report(pass: Pass): void {
  noteEncoding(pass.parsed.file, pass.encoding);
  reportDiagnostics(pass.diagnostics);
  const { file } = pass.parsed;
  if (pass.diagnostics.some((d) => d.severity === 'error')) {
    throw new CliError(`${file} has errors (listed above); fix them before converting, or lines would be lost; nothing was written`);
  }
}

export async function run(args: string[]): Promise<number> {
  const { options, positionals } = parseArgs(args, spec);
  if (!options.to) throw new CliError('convert needs --to iob1|iob2|bioes|bilou', 2);
  const to = SCHEMES[options.to];
  const [path] = positionals;
  const target = options.output && options.output !== '-' ? options.output : null;
  const inputs = [{ path, role: 'the input' }];
  if (target) checkTarget(target, inputs);
  const fix = options['fix-tags'];

  // A first read that only checks, where output cannot be taken back (standard output), or where --fix-tags needs
  // the file's own spelling of its types before the first repair. Whether a tag can be repaired does not depend on
  // that spelling, so this read finds every error the second would; the warnings are left to the second.
  let check: Pass | null = null;
  if (!target || fix) {
    check = convertPass(path, to, fix ? new Map() : null, null);
    if (check.diagnostics.some((d) => d.severity === 'error')) report({ ...check, diagnostics: check.diagnostics.filter((d) => d.severity === 'error') });
  }

  const output = new Output(target, inputs);
  let pass: Pass;
  try {
    pass = convertPass(path, to, fix ? check!.types : null, output, check?.encoding);
    report(pass);
    if (pass.parsed.format === 'json') {
      const json = jsonAsColumns(pass.parsed, to);
      output.begin(() => pass.encoding);
      output.write(json.text);
      pass.changed = json.changed;
    }
    output.commit();
  } catch (e) {
    output.abort();
    throw e;
  }
  if (target) {
    const kept = pass.encoding === 'utf-8' ? '' : ` (${ENCODING_LABELS[pass.encoding]}, as ${pass.parsed.file})`;
    process.stderr.write(`wrote ${target}${kept}: ${pass.scheme} -> ${to}, ${pass.changed} tags changed\n`);
  }
  return 0;
}
