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
  const fields = [...line.matchAll(/[^ \f\v]+/g)];
  const field = fields[index < 0 ? fields.length + index : index];
  return line.slice(0, field.index) + value + line.slice(field.index + field[0].length);
}

/**
 * Feed the raw text with text() and, as the parser reads them, each sentence's first line and new tags with
 * sentence(); the rewritten text comes out through `emit` in file order. Give a chunk to text() before the parser
 * sees it, and call end() before the parser's finish(), so a sentence's lines are always here when it arrives.
 */
export class ColumnRewriter {
  private readonly splitter = new LineEndSplitter();
  /** Lines not yet given out; queue[head] is line `first` of the file. */
  private queue: [string, string][] = [];
  private head = 0;
  private first = 1;

  /** tagColumn: asked when the first sentence arrives (a streaming parser knows the layout only by then). */
  constructor(
    private readonly tagColumn: () => number,
    private readonly emit: (text: string) => void,
  ) {}

  text(chunk: string): void {
    for (const pair of this.splitter.push(chunk)) this.queue.push(pair);
  }

  end(): void {
    for (const pair of this.splitter.finish()) this.queue.push(pair);
  }

  /** The sentence whose first token is on `line` gets `tags`, one per line from there. */
  sentence(line: number, tags: readonly string[]): void {
    this.flushBefore(line);
    const column = this.tagColumn();
    let out = '';
    for (const tag of tags) {
      const [text, end] = this.queue[this.head++];
      out += replaceColumn(text, column, tag) + end;
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
    while (this.first < line && this.head < this.queue.length) {
      const [text, end] = this.queue[this.head++];
      out += text + end;
      this.first++;
    }
    if (out) this.emit(out);
    // Drop the lines given out once they are most of the queue, so it never grows past a sentence and its prelude.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
