/**
 * @file Writing sentences as a column file that reads back to the same cells. Cells are joined by a space, or by a
 * TAB when the input was tab-separated or any cell holds a space (legal in TAB files and in JSON tokens), since the
 * reader splits a line without tabs at every run of blanks. A cell that no column file can hold (empty, a tab or
 * line break inside, blanks at its ends) is reported with its sentence's line instead of being written wrong.
 */
import type { Diagnostic, Sentence } from '../types';

export type ColumnSeparator = 'tab' | 'space';

/** One row of cells per token. */
export type Rows = readonly (readonly string[])[];

/** Blanks the reader trims or splits at: space, \f, \v (and the tab). */
const SPACE = /[ \f\v]/;
const UNWRITABLE = /^$|[\t\n\r]|^[ \f\v]|[ \f\v]$/;

/** TAB when the input had tabs or a cell holds a space; otherwise the input's separator, a space by default. */
export function columnSeparatorFor(sentences: Iterable<Rows>, input?: ColumnSeparator): ColumnSeparator {
  if (input === 'tab') return 'tab';
  for (const rows of sentences) for (const cells of rows) for (const cell of cells) if (SPACE.test(cell)) return 'tab';
  return 'space';
}

/** Why a cell cannot go into a column file, or null when it can. */
export function unwritableCell(cell: string): string | null {
  if (!UNWRITABLE.test(cell)) return null;
  if (cell === '') return 'is empty';
  if (/[\t\n\r]/.test(cell)) return 'holds a tab or a line break';
  return 'starts or ends with a space';
}

/**
 * One error per sentence whose cells cannot be written, naming the file and the sentence's line (or its number).
 * `what` names the cells of a row for the message, e.g. ['token', 'gold tag', 'predicted tag'].
 */
export function unwritableCells(file: string, sentences: readonly Sentence[], rowsOf: (s: Sentence, n: number) => Rows, what: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  sentences.forEach((s, n) => {
    const rows = rowsOf(s, n);
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i].findIndex((cell) => unwritableCell(cell) !== null);
      if (c < 0) continue;
      const where = s.line !== undefined ? `${file} line ${s.line}` : `${file} sentence ${n + 1}`;
      const message = `${where}: ${what[c] ?? `column ${c + 1}`} ${i + 1} ${JSON.stringify(rows[i][c])} ${unwritableCell(rows[i][c])}, which a column file cannot hold`;
      out.push({ severity: 'error', file, ...(s.line !== undefined ? { line: s.line } : {}), message });
      break;
    }
  });
  return out;
}

/** A sentence as column-file lines, with the blank line that ends it. */
export function sentenceLines(rows: Rows, separator: ColumnSeparator): string {
  const sep = separator === 'tab' ? '\t' : ' ';
  let out = '';
  for (const cells of rows) out += `${cells.join(sep)}\n`;
  return out;
}

/** A whole column file: one line per token, a blank line between sentences (none after the last). */
export function columnText(sentences: readonly Rows[], separator: ColumnSeparator): string {
  return sentences.map((rows) => sentenceLines(rows, separator)).join('\n');
}
