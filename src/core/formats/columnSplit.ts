/**
 * @file The two inner loops of reading a column file, kept free of allocation because a 100 MB file has millions
 * of lines: finding where each column of a line starts and ends, and cutting out tags and other short repeated
 * values (O, B-PER, NNP) as one shared string each instead of a fresh copy per line.
 */

// Only ASCII blanks (space, \f, \v; and tab in a line that has one) separate columns: NBSP and zero-width characters
// belong to tokens in real corpora.
const isBlank = (c: number) => c === 32 || c === 12 || c === 11;

/**
 * Writes the [start, end) of column i of `line` to bounds[2i] and bounds[2i + 1] and returns the column count.
 * A line with a tab is split at every tab, after dropping trailing blanks and tabs, and each column loses its
 * surrounding blanks (a token may hold a space there); otherwise runs of blanks separate columns. A line of
 * blanks has one empty column.
 */
export function findColumns(line: string, bounds: number[]): number {
  let count = 0;
  let end = line.length;
  if (line.includes('\t')) {
    while (end > 0 && (isBlank(line.charCodeAt(end - 1)) || line.charCodeAt(end - 1) === 9)) end--;
    let start = 0;
    for (;;) {
      const tab = line.indexOf('\t', start);
      const colEnd = tab >= 0 && tab < end ? tab : end;
      let a = start;
      let b = colEnd;
      while (a < b && isBlank(line.charCodeAt(a))) a++;
      while (b > a && isBlank(line.charCodeAt(b - 1))) b--;
      bounds[2 * count] = a;
      bounds[2 * count + 1] = b;
      count++;
      if (colEnd === end) return count;
      start = colEnd + 1;
    }
  }
  let i = 0;
  for (;;) {
    while (i < end && isBlank(line.charCodeAt(i))) i++;
    if (i === end) break;
    const start = i;
    while (i < end && !isBlank(line.charCodeAt(i))) i++;
    bounds[2 * count] = start;
    bounds[2 * count + 1] = i;
    count++;
  }
  if (count > 0) return count;
  bounds[0] = 0;
  bounds[1] = 0;
  return 1;
}

const MAX_CACHED_LENGTH = 24;

/**
 * A copy of a string that keeps nothing else alive. V8 cuts a string of 13 or more characters out of a longer one as
 * a view that holds the whole, so a few long tokens would keep every chunk of a streamed file in memory.
 */
const detach = (value: string) => (value.length < 13 ? value : (value + ' ').slice(0, -1));

/**
 * Hands out one string per distinct short value; a value whose slot another value took is simply cut again. The
 * strings it returns hold no reference to the line they came from.
 */
export class ValueCache {
  private readonly slots: (string | undefined)[];
  private readonly mask: number;

  /** size: the number of slots, a power of two. */
  constructor(size: number) {
    this.slots = new Array<string | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  /** line.slice(start, end), or an equal string handed out before. */
  slice(line: string, start: number, end: number): string {
    const length = end - start;
    if (length > MAX_CACHED_LENGTH || length === 0) return detach(line.slice(start, end));
    // Length, first, middle and last character tell the tags and POS tags of real corpora apart.
    let key = Math.imul(length, 31) + line.charCodeAt(start);
    key = Math.imul(key, 31) + line.charCodeAt(start + (length >> 1));
    key = Math.imul(key, 31) + line.charCodeAt(end - 1);
    const slot = (key ^ (key >>> 11)) & this.mask;
    const known = this.slots[slot];
    if (known !== undefined && known.length === length && line.startsWith(known, start)) return known;
    const value = detach(line.slice(start, end));
    this.slots[slot] = value;
    return value;
  }
}
