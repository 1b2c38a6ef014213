/**
 * @file Finds where token and tag sit in a column file whose layout is not CoNLL-2003's "token first, tag last".
 * Universal NER .iob2 files put a running index first and the tag third: `1<TAB>Go<TAB>O<TAB>-<TAB>-`.
 */
import type { ColumnOptions } from '../conll';

const TAG = /^(O|[BIESLU]-.+)$/;
const SAMPLE_LINES = 50;

/** Column options for a file's layout; {} means the default (token first, tag last). */
export function sniffColumnLayout(text: string): ColumnOptions {
  const sample: string[][] = [];
  for (const line of text.split(/\r\n|\n|\r/, 5000)) {
    if (sample.length >= SAMPLE_LINES) break;
    if (!/\S/.test(line) || line.startsWith('#') || line.trimStart().startsWith('-DOCSTART-')) continue;
    sample.push(line.split('\t'));
  }
  const indexed =
    sample.length > 0 &&
    sample[0][0] === '1' &&
    sample.every((cols) => cols.length >= 3 && /^\d+$/.test(cols[0]) && TAG.test(cols[2].trim()));
  return indexed ? { tokenColumn: 1, tagColumn: 2 } : {};
}
