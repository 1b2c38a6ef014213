/**
 * @file One entry point for every NER file the studio and the `ner` command read: picks the reader by extension and
 * content, then checks the tag scheme so slips are reported with their line. Readers live in a table keyed by name.
 */
import { binaryMessage, lineAt, looksBinary, parseColumns, type ColumnOptions } from './conll';
import type { TextEncoding } from './encoding';
import { columnLineOf, recordLineOf, repairSentences, validateScheme, type LineOf } from '../tags/schemeCheck';
import { detectScheme, type TagScheme } from '../tags/tags';
import { checkTagForms } from '../tags/tagForm';
import type { ParsedFile } from '../types';
import { sniffColumnLayout } from './columnLayout';
import { parseJson, type JsonOptions } from './json';

export interface ParseOptions extends ColumnOptions, JsonOptions {
  /** Force a reader instead of guessing from the file name and content. */
  format?: FormatName;
  /** Check the tags against the detected scheme and add a warning per slip. Default true. */
  validate?: boolean;
  /** Fix the slips whose fix is clear (see schemeCheck.ts), with one warning saying how many tags changed. */
  repair?: boolean;
  /**
   * Repair tags that fit no scheme but whose meaning is clear (`b-per` -> `B-PER`, see tags/tagForm.ts) instead of
   * skipping their sentences with an error.
   */
  fixTags?: boolean;
  /** The most text a file read whole (JSON) may hold; V8's longest string by default. Tests make it small. */
  maxTextLength?: number;
}

interface Reader {
  parse(text: string, file: string, options: ParseOptions): ParsedFile;
  /** The file line of token `token` of a sentence this reader produced. */
  lineOf: LineOf;
}

const READERS = {
  columns: {
    parse: (text, file, options) => {
      const layout = options.tokenColumn === undefined && options.tagColumn === undefined ? sniffColumnLayout(text) : {};
      return parseColumns(text, file, { ...layout, ...options });
    },
    lineOf: columnLineOf,
  },
  json: { parse: (text, file, options) => parseJson(text, file, options), lineOf: recordLineOf },
} satisfies Record<string, Reader>;

export type FormatName = keyof typeof READERS;

export interface ParsedInput extends ParsedFile {
  format: FormatName;
  /** The scheme the tags follow (by majority; see detectScheme). */
  scheme: TagScheme;
  /** The encoding the file's bytes were in, where they were read here (cli/input.ts, worker/readFile.ts). */
  encoding?: TextEncoding;
}

/** Whether a text is JSON records: a top-level array, or a first line that is a JSON object on its own. */
function looksLikeJson(text: string): boolean {
  const start = text.trimStart();
  if (start.startsWith('[')) {
    // A column file may begin with a "[" token: `[ O`. A JSON array's next character opens a value.
    return /^\[\s*(?:[{["\]]|$)/.test(start);
  }
  if (!start.startsWith('{')) return false;
  const firstLine = start.split(/\r\n|\n|\r/, 1)[0].trim();
  if (firstLine === '{') return true;
  try {
    const value: unknown = JSON.parse(firstLine);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

export function detectFormat(text: string, file: string): FormatName {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson') return 'json';
  return looksLikeJson(text) ? 'json' : 'columns';
}

/**
 * detectFormat on the start of a file read in chunks: null while the start does not tell yet (only blanks so far, a
 * "[" with nothing after it, or a "{" line that goes on). `complete` says the start is the whole file.
 */
export function detectFormatFromStart(start: string, file: string, complete: boolean): FormatName | null {
  if (complete || /\.(json|jsonl|ndjson)$/i.test(file)) return detectFormat(start, file);
  const trimmed = start.trimStart();
  if (trimmed.startsWith('[') && !/\S/.test(trimmed.slice(1))) return null;
  if (trimmed.startsWith('{') && !/[\r\n]/.test(trimmed)) return null;
  return trimmed === '' ? null : detectFormat(start, file);
}

/** Reads any supported file; never throws on bad content (problems come back as diagnostics naming file and line). */
export function parseFile(text: string, file: string, options: ParseOptions = {}): ParsedInput {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseAs(options.format ?? detectFormat(text, file), text, file, options);
}

/** parseFile once the format is known and the byte-order mark is gone. */
export function parseAs(format: FormatName, text: string, file: string, options: ParseOptions = {}): ParsedInput {
  if (format === 'json' && looksBinary(text)) {
    const nul = text.indexOf('\0');
    const line = nul >= 0 ? lineAt(text, nul) : undefined;
    const message = binaryMessage(file, 'JSON records', line);
    return { file, sentences: [], diagnostics: [{ severity: 'error', file, ...(line ? { line } : {}), message }], format, scheme: 'IOB2' };
  }
  return checkTags(READERS[format].parse(text, file, options), format, options);
}

/** The scheme the tags of a parsed file follow, with a warning per slip (and the repairs) the options ask for. */
export function checkTags(parsed: ParsedFile, format: FormatName, options: ParseOptions = {}): ParsedInput {
  const { file } = parsed;
  let { sentences } = parsed;
  const diagnostics = [...parsed.diagnostics];
  if (options.validate !== false) {
    const forms = checkTagForms(sentences, file, READERS[format].lineOf, options.fixTags);
    sentences = forms.sentences;
    diagnostics.push(...forms.diagnostics);
  }
  const scheme = detectScheme(sentences.map((s) => s.tags));
  if (options.validate !== false) diagnostics.push(...validateScheme(sentences, scheme, file, READERS[format].lineOf));
  if (options.repair) {
    const repair = repairSentences(sentences, scheme);
    sentences = repair.sentences;
    if (repair.repaired > 0) {
      diagnostics.push({ severity: 'warning', file, message: `${file}: repaired ${repair.repaired} tags to follow ${scheme}` });
    }
  }
  return { ...parsed, sentences, diagnostics, format, scheme };
}
