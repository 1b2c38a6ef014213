/** @file Reads CoNLL-style column files (CoNLL-2003, Universal NER .iob2) into sentences, reporting problems instead of throwing. */
import type { Diagnostic, ParsedFile, Sentence } from './types';

export interface ColumnOptions {
  /** Column of the tag; default the last. Negative counts from the end (-1 is the last). */
  tagColumn?: number;
  /** Column of the token; default 0. */
  tokenColumn?: number;
}

/** A broken file can have a bad line per row; past this many, one summary line says how many more. */
const MAX_LINE_DIAGNOSTICS = 20;

/** NUL never occurs in text; U+FFFD in bulk means the bytes were not UTF-8 (a zip, a spreadsheet, Latin-1). */
export function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replacements++;
  return replacements >= 16 && replacements > text.length / 100;
}

// Only ASCII blanks separate columns: NBSP and zero-width characters belong to tokens in real corpora.
function splitColumns(line: string): string[] {
  if (line.includes('\t')) return line.replace(/[ \t\f\v]+$/, '').split('\t').map((c) => c.replace(/^[ \f\v]+|[ \f\v]+$/g, ''));
  return line.replace(/^[ \f\v]+|[ \f\v]+$/g, '').split(/[ \f\v]+/);
}

const isBlank = (line: string) => /^\s*$/.test(line);
const isDocStart = (line: string) => line.trimStart().startsWith('-DOCSTART-');

/** Tab-separated files (UNER, CoNLL-U) carry `# key = value` comments; decide by the first real data line. */
function isTabSeparated(lines: string[]): boolean {
  const first = lines.find((l) => !isBlank(l) && !isDocStart(l) && !l.startsWith('#'));
  return first?.includes('\t') ?? false;
}

export function parseColumns(text: string, file: string, options: ColumnOptions = {}): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const sentences: Sentence[] = [];
  const error = (message: string, line?: number) => diagnostics.push({ severity: 'error', file, ...(line ? { line } : {}), message });

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) {
    error(`${file} looks like a binary file or is not UTF-8 text; expected a text file with token and tag columns`);
    return { file, sentences, diagnostics };
  }

  const lines = text.split(/\r\n|\n|\r/);
  const tabbed = isTabSeparated(lines);
  let width = 0; // columns of the first data line; every other data line must match
  let firstDataLine = 0;
  let tokenCol = 0;
  let tagCol = 0;
  let lineErrors = 0;
  let droppedSentences = 0;

  let tokens: string[] = [];
  let tags: string[] = [];
  let extra: string[][] = [];
  let broken = false;
  let startLine = 0; // token i of a sentence is on line startLine + i: no comment or blank line falls inside one

  const endSentence = () => {
    if (broken) droppedSentences++;
    else if (tokens.length > 0) sentences.push({ tokens, tags, ...(extra.length > 0 ? { extra } : {}), line: startLine });
    tokens = [];
    tags = [];
    extra = [];
    broken = false;
  };

  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const lineNo = n + 1;
    if (isBlank(line) || isDocStart(line)) {
      endSentence();
      continue;
    }
    const atStart = tokens.length === 0 && !broken;
    // In a space-separated file `# O` is the token '#'; only tab files have comment lines, and those hold no tab.
    if (atStart && tabbed && line.startsWith('#') && !line.includes('\t')) continue;

    const cols = splitColumns(line);
    if (width === 0) {
      width = cols.length;
      firstDataLine = lineNo;
      tokenCol = options.tokenColumn ?? 0;
      tagCol = options.tagColumn ?? width - 1;
      if (tagCol < 0) tagCol += width;
      if (width < 2) {
        error(`${file} line ${lineNo} has 1 column; expected a token and a tag separated by spaces or tabs`, lineNo);
        return { file, sentences: [], diagnostics };
      }
      if (tokenCol < 0 || tokenCol >= width || tagCol < 0 || tagCol >= width || tokenCol === tagCol) {
        error(`${file}: token column ${tokenCol} and tag column ${tagCol} do not fit the ${width} columns of line ${lineNo}`, lineNo);
        return { file, sentences: [], diagnostics };
      }
    }
    if (cols.length !== width) {
      broken = true;
      if (++lineErrors <= MAX_LINE_DIAGNOSTICS) {
        error(`${file} line ${lineNo} has ${cols.length} columns but line ${firstDataLine} has ${width}; its sentence was skipped`, lineNo);
      }
      continue;
    }
    if (tokens.length === 0) startLine = lineNo;
    tokens.push(cols[tokenCol]);
    tags.push(cols[tagCol]);
    const lo = Math.min(tokenCol, tagCol);
    const hi = Math.max(tokenCol, tagCol);
    for (let c = lo + 1; c < hi; c++) (extra[c - lo - 1] ??= []).push(cols[c]);
  }
  endSentence();

  if (lineErrors > MAX_LINE_DIAGNOSTICS) {
    error(`${file}: ${lineErrors - MAX_LINE_DIAGNOSTICS} more lines with the wrong number of columns`);
  }
  if (sentences.length === 0) {
    const why = droppedSentences > 0 ? ` (${droppedSentences} skipped for errors)` : '';
    error(`${file} contains no sentences${why}`);
  } else if (sentences.every((s) => s.tags.every((t) => t === 'O'))) {
    diagnostics.push({
      severity: 'warning',
      file,
      message: `${file} has no entity tags: every tag is O. Is the tag column (${tagCol}) right?`,
    });
  }
  return { file, sentences, diagnostics };
}
