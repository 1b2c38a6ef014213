/**
 * @file Cuts text that arrives in chunks (a file read as a stream) into the lines that
 * text.split(/\r\n|\n|\r/) gives for the whole text: a line cut by a chunk boundary is joined,
 * and a CRLF split across two chunks counts as one line break.
 */
const LINE_BREAK = /\r\n|\n|\r/;

export class LineSplitter {
  /** The unfinished last line; never holds a line break. */
  private carry = '';
  /** The last chunk ended with CR: a LF opening the next chunk belongs to it. */
  private crPending = false;

  /** The lines this chunk completes, possibly none. */
  push(chunk: string): string[] {
    if (this.crPending && chunk.length > 0) {
      this.crPending = false;
      if (chunk.charCodeAt(0) === 10) chunk = chunk.slice(1);
    }
    const last = Math.max(chunk.lastIndexOf('\n'), chunk.lastIndexOf('\r'));
    if (last < 0) {
      // A rope, not a copy: a long line arriving in many chunks stays linear.
      this.carry += chunk;
      return [];
    }
    if (last === chunk.length - 1 && chunk.charCodeAt(last) === 13) this.crPending = true;
    const cut = chunk.charCodeAt(last) === 10 && chunk.charCodeAt(last - 1) === 13 ? last - 1 : last;
    const body = this.carry + chunk.slice(0, cut);
    // split('\n') takes V8's fast path; the regular expression is several times slower.
    const lines = body.includes('\r') ? body.split(LINE_BREAK) : body.split('\n');
    this.carry = chunk.slice(last + 1);
    return lines;
  }

  /** The last line (empty when the text ended with a line break). */
  finish(): string {
    const line = this.carry;
    this.carry = '';
    this.crPending = false;
    return line;
  }
}

/**
 * LineSplitter that keeps each line's break ('\r\n', '\n', '\r', or '' for a last line without one), for writers
 * that rewrite a file line by line and must give back every byte they do not change. Lines and their breaks come
 * in two arrays of the same length.
 */
export class LineEndSplitter {
  private carry = '';

  /** The lines this chunk completes and their breaks. */
  push(chunk: string): { lines: string[]; ends: string[] } {
    const text = this.carry + chunk;
    let last = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    // A CR at the very end may be the first half of a CRLF: wait for the next chunk. (lastIndexOf clamps a negative
    // start to 0 and would find the CR itself.)
    if (last === text.length - 1 && text.charCodeAt(last) === 13) last = last === 0 ? -1 : Math.max(text.lastIndexOf('\n', last - 1), text.lastIndexOf('\r', last - 1));
    if (last < 0) {
      this.carry = text;
      return { lines: [], ends: [] };
    }
    this.carry = text.slice(last + 1);
    const body = text.slice(0, last + 1); // ends with a line break
    if (!body.includes('\r')) {
      // The common case, LF only: split('\n') takes V8's fast path.
      const lines = body.slice(0, -1).split('\n');
      return { lines, ends: new Array<string>(lines.length).fill('\n') };
    }
    const parts = body.split(/(\r\n|\n|\r)/); // lines at even indices, their breaks at odd ones, then ''
    const lines: string[] = [];
    const ends: string[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      lines.push(parts[i]);
      ends.push(parts[i + 1]);
    }
    return { lines, ends };
  }

  /** The last line, with an empty break; none when the text ended with a line break. */
  finish(): { lines: string[]; ends: string[] } {
    const line = this.carry;
    this.carry = '';
    if (line === '') return { lines: [], ends: [] };
    return line.endsWith('\r') ? { lines: [line.slice(0, -1)], ends: ['\r'] } : { lines: [line], ends: [''] };
  }
}
