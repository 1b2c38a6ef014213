/**
 * @file Reads CoNLL-style column files (CoNLL-2003, Universal NER .iob2) into sentences, reporting problems
 * instead of throwing. ColumnParser takes the text in chunks, so a 100 MB file is read as a stream without ever
 * holding its text or its lines; parseColumns is the same parser fed the whole text at once.
 */
import { findColumns, ValueCache } from './columnSplit';
import { LineSplitter } from './lineSplitter';
import type { Diagnostic, ParsedFile, Sentence } from '../types';

export interface ColumnOptions {
  /** Column of the tag; default the last. Negative counts from the end (-1 is the last). */
  tagColumn?: number;
  /** Column of the token; default 0. */
  tokenColumn?: number;
  /**
   * Hand each sentence here as soon as it is read, instead of keeping it: a file of any size then streams through
   * with only one sentence in memory (finish() returns no sentences, but the same diagnostics).
   */
  onSentence?: (sentence: Sentence) => void;
}

/** A broken file can have a bad line per row; past this many, one summary line says how many more. */
const MAX_LINE_DIAGNOSTICS = 20;
/** Text handed to push() in one piece is cut into pieces of this many characters. */
const PIECE = 1 << 20;

/**
 * NUL never occurs in text, and other control characters (bar tab, line breaks, \f, \v) hardly: a file with
 * either in bulk is binary (a zip, a spreadsheet, UTF-16 without a byte-order mark), whatever its decoding gave.
 * U+FFFD in bulk means bytes that were not UTF-8 were decoded as UTF-8 by whoever handed us the text.
 */
class BinarySniffer {
  nul = false;
  private suspicious = 0;
  private length = 0;

  add(text: string): void {
    this.length += text.length;
    if (!this.nul && text.includes('\0')) this.nul = true;
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) this.suspicious++;
    // Control characters are what a binary file is made of, so this pattern must name them (hence the lint rule off).
    // eslint-disable-next-line no-control-regex
    if (/[\x01-\x08\x0E-\x1F\x7F]/.test(text)) this.suspicious += text.match(/[\x01-\x08\x0E-\x1F\x7F]/g)!.length;
  }

  get binary(): boolean {
    return this.nul || (this.suspicious >= 16 && this.suspicious > this.length / 100);
  }
}

export function looksBinary(text: string): boolean {
  const sniffer = new BinarySniffer();
  sniffer.add(text);
  return sniffer.binary;
}

/** The 1-based line of position `index` of a text (CRLF, LF and CR each end a line). */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** The message for a file that is not text; `nulLine` names the line of its first NUL byte. */
export function binaryMessage(file: string, expected: string, nulLine?: number): string {
  const where = nulLine !== undefined ? ` (line ${nulLine} has a NUL byte)` : '';
  return `${file} looks like a binary file${where}, not text; expected ${expected}. A UTF-16 file needs its byte-order mark; else save it as UTF-8`;
}

// A line starting with printable ASCII other than '-' is neither blank nor -DOCSTART-: the common case, no regex.
const isPlainStart = (c: number) => c > 32 && c < 127 && c !== 45;
const isBlank = (line: string) => !isPlainStart(line.charCodeAt(0)) && /^\s*$/.test(line);
const isDocStart = (line: string) => !isPlainStart(line.charCodeAt(0)) && line.trimStart().startsWith('-DOCSTART-');

/** Feed it a file's text in chunks of any size with push(), then call finish() once for the sentences and problems. */
export class ColumnParser {
  private readonly sentences: Sentence[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly lines = new LineSplitter();
  private readonly sniffer = new BinarySniffer();
  private readonly values = new ValueCache(1 << 12); // tags and extra columns: a few hundred distinct values
  private readonly words = new ValueCache(1 << 16); // frequent words
  private readonly bounds: number[] = []; // [start, end) of each column of the current line
  private started = false;
  private lineNo = 0;
  private nulLine: number | undefined;
  /** Set when the layout cannot be read: nothing after it counts. */
  private stopped = false;

  /**
   * Tab-separated files (UNER, CoNLL-U) carry `# key = value` comments, decided by the first line that is neither
   * blank, -DOCSTART- nor starting with #; the lines before it wait in `waiting` until then.
   */
  private tabbed: boolean | null = null;
  private waiting: string[] = [];
  private waitingFrom = 0; // line number of waiting[0]

  private width = 0; // columns of the first data line; every other data line must match
  private firstDataLine = 0;
  private tokenCol = 0;
  private tagCol = 0;
  private lineErrors = 0;
  private droppedSentences = 0;
  private sentenceCount = 0;
  private anyEntity = false;

  // The sentence being read; copied out when it ends.
  private readonly tokens: string[] = [];
  private readonly tags: string[] = [];
  private extra: string[][] = [];
  private broken = false;
  private startLine = 0; // token i of a sentence is on line startLine + i: no comment or blank line falls inside one

  constructor(
    readonly file: string,
    private readonly options: ColumnOptions = {},
  ) {}

  push(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.sniffer.nul) return;
    this.sniffer.add(chunk);
    if (this.sniffer.nul && !this.stopped) {
      // A NUL makes the whole file binary: the lines before it are only counted, for the message.
      this.lineNo += this.lines.push(chunk.slice(0, chunk.indexOf('\0'))).length;
      this.nulLine = this.lineNo + 1;
    }
    if (this.sniffer.nul || this.stopped) return;
    // A whole file's text goes through in pieces, so that only a piece's lines exist at a time.
    for (let at = 0; at < chunk.length; at += PIECE) {
      for (const line of this.lines.push(chunk.length <= PIECE ? chunk : chunk.slice(at, at + PIECE))) this.readLine(line);
    }
  }

  finish(): ParsedFile {
    const { file, sentences, diagnostics } = this;
    if (!this.sniffer.nul && !this.stopped) {
      this.readLine(this.lines.finish());
      if (this.tabbed === null) this.decideTabs(false);
    }
    if (this.sniffer.binary) {
      const message = binaryMessage(file, 'a text file with token and tag columns', this.nulLine);
      return { file, sentences: [], diagnostics: [{ severity: 'error', file, ...(this.nulLine ? { line: this.nulLine } : {}), message }] };
    }
    if (this.stopped) return { file, sentences: [], diagnostics };
    this.endSentence();

    if (this.lineErrors > MAX_LINE_DIAGNOSTICS) {
      this.error(`${file}: ${this.lineErrors - MAX_LINE_DIAGNOSTICS} more lines with the wrong number of columns`);
    }
    if (this.sentenceCount === 0) {
      const why = this.droppedSentences > 0 ? ` (${this.droppedSentences} skipped for errors)` : '';
      this.error(`${file} contains no sentences${why}`);
    } else if (!this.anyEntity) {
      diagnostics.push({
        severity: 'warning',
        file,
        message: `${file} has no entity tags: every tag is O. Is the tag column (${this.tagCol}) right?`,
      });
    }
    return { file, sentences, diagnostics, separator: this.tabbed ? 'tab' : 'space' };
  }

  private error(message: string, line?: number): void {
    this.diagnostics.push({ severity: 'error', file: this.file, ...(line ? { line } : {}), message });
  }

  private readLine(line: string): void {
    const lineNo = ++this.lineNo;
    if (this.tabbed === null) {
      if (isBlank(line) || isDocStart(line) || line.startsWith('#')) {
        if (this.waiting.length === 0) this.waitingFrom = lineNo;
        this.waiting.push(line);
        return;
      }
      this.decideTabs(line.includes('\t'));
    }
    this.dataLine(line, lineNo);
  }

  /** Fixes whether the file is tab-separated and reads the lines that waited for that. */
  private decideTabs(tabbed: boolean): void {
    this.tabbed = tabbed;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((line, i) => this.dataLine(line, this.waitingFrom + i));
  }

  private dataLine(line: string, lineNo: number): void {
    if (this.stopped) return;
    if (isBlank(line) || isDocStart(line)) {
      this.endSentence();
      return;
    }
    const atStart = this.tokens.length === 0 && !this.broken;
    // In a space-separated file `# O` is the token '#'; only tab files have comment lines, and those hold no tab.
    if (atStart && this.tabbed && line.charCodeAt(0) === 35 && !line.includes('\t')) return;

    const count = findColumns(line, this.bounds);
    if (this.width === 0 && !this.readLayout(count, lineNo)) return;
    const { file, width, bounds, values, words } = this;
    if (count !== width) {
      this.broken = true;
      if (++this.lineErrors <= MAX_LINE_DIAGNOSTICS) {
        this.error(`${file} line ${lineNo} has ${count} columns but line ${this.firstDataLine} has ${width}; its sentence was skipped`, lineNo);
      }
      return;
    }
    if (this.tokens.length === 0) this.startLine = lineNo;
    const { tokenCol, tagCol } = this;
    this.tokens.push(words.slice(line, bounds[2 * tokenCol], bounds[2 * tokenCol + 1]));
    this.tags.push(values.slice(line, bounds[2 * tagCol], bounds[2 * tagCol + 1]));
    const first = Math.min(tokenCol, tagCol) + 1;
    this.extra.forEach((column, i) => column.push(values.slice(line, bounds[2 * (first + i)], bounds[2 * (first + i) + 1])));
  }

  /** The first data line fixes the width and the token and tag columns; false (and stopped) when they do not fit. */
  private readLayout(width: number, lineNo: number): boolean {
    const { file, options } = this;
    this.width = width;
    this.firstDataLine = lineNo;
    this.tokenCol = options.tokenColumn ?? 0;
    this.tagCol = options.tagColumn ?? width - 1;
    if (this.tagCol < 0) this.tagCol += width;
    const { tokenCol, tagCol } = this;
    // The columns between token and tag are kept (CoNLL-2003's POS and chunk tags).
    this.extra = Array.from({ length: Math.max(0, Math.abs(tagCol - tokenCol) - 1) }, () => []);
    if (width < 2) {
      this.error(`${file} line ${lineNo} has 1 column; expected a token and a tag separated by spaces or tabs`, lineNo);
      this.stopped = true;
    } else if (tokenCol < 0 || tokenCol >= width || tagCol < 0 || tagCol >= width || tokenCol === tagCol) {
      this.error(`${file}: token column ${tokenCol} and tag column ${tagCol} do not fit the ${width} columns of line ${lineNo}`, lineNo);
      this.stopped = true;
    }
    return !this.stopped;
  }

  private endSentence(): void {
    if (this.broken) this.droppedSentences++;
    else if (this.tokens.length > 0) {
      // Exact-size copies: arrays grown by push keep up to half again as many slots, a third of the memory here.
      const sentence: Sentence = { tokens: this.tokens.slice(), tags: this.tags.slice(), line: this.startLine };
      if (this.extra.length > 0) sentence.extra = this.extra.map((column) => column.slice());
      this.sentenceCount++;
      this.anyEntity ||= sentence.tags.some((t) => t !== 'O');
      if (this.options.onSentence) this.options.onSentence(sentence);
      else this.sentences.push(sentence);
    }
    this.tokens.length = 0;
    this.tags.length = 0;
    for (const column of this.extra) column.length = 0;
    this.broken = false;
  }
}

export function parseColumns(text: string, file: string, options: ColumnOptions = {}): ParsedFile {
  const parser = new ColumnParser(file, options);
  parser.push(text);
  return parser.finish();
}
