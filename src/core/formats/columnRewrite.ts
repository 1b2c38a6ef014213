/**
 * @file Rewrites the tag column of a column file as it streams through, giving back every other byte as it was
 * (comments, -DOCSTART- lines, separators, other columns, line breaks). Only the lines of the sentence being read
 * are held, so a file of any size converts in little memory.
 */
import { LineEndSplitter } from './lineSplitter';

/** Replaces column `index` (negative: from the end) of a column-file line, keeping every separator as it was. */
export function replaceColumn(line: string, index: number, value: string): string {
  if (line.includes('\t')) {
    const body = line.replace(/[ \t\f\v]+$/, '');
    const cells = body.split('\t');
    const k = index < 0 ? cells.length + index : index;
    cells[k] = cells[k].replace(/^([ \f\v]*)(.*?)([ \f\v]*)$/s, (_m, lead: string, _old: string, trail: string) => lead + value + trail);
    return cells.join('\t') + line.slice(body.length);
  }
  // Runs of blanks separate the fields: find field `index` by scanning, without a regular expression per line.
  const isBlank = (c: number) => c === 32 || c === 12 || c === 11;
  if (index < 0) {
    let end = line.length;
    for (let k = -1; ; k--) {
      while (end > 0 && isBlank(line.charCodeAt(end - 1))) end--;
      let start = end;
      while (start > 0 && !isBlank(line.charCodeAt(start - 1))) start--;
      if (k === index) return line.slice(0, start) + value + line.slice(end);
      end = start;
    }
  }
  let start = 0;
  for (let k = 0; ; k++) {
    while (start < line.length && isBlank(line.charCodeAt(start))) start++;
    let end = start;
    while (end < line.length && !isBlank(line.charCodeAt(end))) end++;
    if (k === index) return line.slice(0, start) + value + line.slice(end);
    start = end;
  }
}

/**
 * Feed the raw text with text() and, as the parser reads them, each sentence's first line and new tags with
 * sentence(); the rewritten text comes out through `emit` in file order. Give a chunk to text() before the parser
 * sees it, and call end() before the parser's finish(), so a sentence's lines are always here when it arrives.
 */
export class ColumnRewriter {
  private readonly splitter = new LineEndSplitter();
  /** Lines not yet given out, and their breaks; lines[head] is line `first` of the file. */
  private lines: string[] = [];
  private ends: string[] = [];
  private head = 0;
  private first = 1;

  /** tagColumn: asked when the first sentence arrives (a streaming parser knows the layout only by then). */
  constructor(
    private readonly tagColumn: () => number,
    private readonly emit: (text: string) => void,
  ) {}

  text(chunk: string): void {
    this.take(this.splitter.push(chunk));
  }

  end(): void {
    this.take(this.splitter.finish());
  }

  private take({ lines, ends }: { lines: string[]; ends: string[] }): void {
    // A loop, not push(...lines): a chunk may hold more lines than a call can take arguments.
    for (let i = 0; i < lines.length; i++) {
      this.lines.push(lines[i]);
      this.ends.push(ends[i]);
    }
  }

  /** The sentence whose first token is on `line` gets `tags`, one per line from there. */
  sentence(line: number, tags: readonly string[]): void {
    this.flushBefore(line);
    const column = this.tagColumn();
    let out = '';
    for (const tag of tags) {
      out += replaceColumn(this.lines[this.head], column, tag) + this.ends[this.head];
      this.head++;
    }
    this.first += tags.length;
    this.emit(out);
  }

  /** Everything left, unchanged (after end() and the parser's last sentence). */
  finish(): void {
    this.flushBefore(Infinity);
  }

  private flushBefore(line: number): void {
    let out = '';
    while (this.first < line && this.head < this.lines.length) {
      out += this.lines[this.head] + this.ends[this.head];
      this.head++;
      this.first++;
    }
    if (out) this.emit(out);
    // Drop the lines given out once they are most of the queue, so it never grows past a sentence and its prelude.
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }
}
