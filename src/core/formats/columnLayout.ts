/**
 * @file Finds where token and tag sit in a column file whose layout is not CoNLL-2003's "token first, tag last".
 * Universal NER .iob2 files put a running index first and the tag third: `1<TAB>Go<TAB>O<TAB>-<TAB>-`.
 */
import type { ColumnOptions } from './conll';

const TAG = /^(O|[BIESLU]-.+)$/;
const LINE_BREAK = /\r\n|\n|\r/;
const SAMPLE_LINES = 50;
/** The sample comes from this many first lines at most. */
const MAX_LINES = 5000;

function sampleOf(lines: string[]): string[][] {
  const sample: string[][] = [];
  for (const line of lines) {
    if (sample.length >= SAMPLE_LINES) break;
    if (!/\S/.test(line) || line.startsWith('#') || line.trimStart().startsWith('-DOCSTART-')) continue;
    sample.push(line.split('\t'));
  }
  return sample;
}

function layoutOf(sample: string[][]): ColumnOptions {
  const indexed =
    sample.length > 0 &&
    sample[0][0] === '1' &&
    sample.every((cols) => cols.length >= 3 && /^\d+$/.test(cols[0]) && TAG.test(cols[2].trim()));
  return indexed ? { tokenColumn: 1, tagColumn: 2 } : {};
}

/** Column options for a file's layout; {} means the default (token first, tag last). */
export function sniffColumnLayout(text: string): ColumnOptions {
  return layoutOf(sampleOf(text.split(LINE_BREAK, MAX_LINES)));
}

/**
 * sniffColumnLayout on the start of a file read in chunks: null until the start holds the whole sample (or all the
 * lines it may come from), so the answer is the one the whole text would give. `complete`: the start is the file.
 */
export function sniffColumnLayoutFromStart(start: string, complete: boolean): ColumnOptions | null {
  if (complete) return sniffColumnLayout(start);
  const lines = start.split(LINE_BREAK, MAX_LINES + 1);
  lines.pop(); // the last line may go on in the next chunk
  const sample = sampleOf(lines);
  return sample.length >= SAMPLE_LINES || lines.length >= MAX_LINES ? layoutOf(sample) : null;
}
