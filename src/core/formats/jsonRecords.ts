/**
 * @file Splits a JSON array or a JSON Lines text into records, each with the 1-based line it starts on, so every
 * later complaint about a record can name its line. One bad record costs that record, not the file.
 */

export interface JsonRecord {
  value: unknown;
  line: number;
}

/** message reads on from "FILE line N ". */
export interface RecordProblem {
  line: number;
  message: string;
}

const isJsonSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** V8 quotes the offending text in its message; a long record would flood the report. */
function shortReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > 100 ? `${message.slice(0, 100)}...` : message;
}

function parseRecord(source: string, line: number, records: JsonRecord[], problems: RecordProblem[]): void {
  try {
    records.push({ value: JSON.parse(source), line });
  } catch (e) {
    problems.push({ line, message: `is not valid JSON: ${shortReason(e)}` });
  }
}

/**
 * Cuts a top-level JSON array into element texts by tracking strings and nesting, then parses each element alone:
 * JSON.parse on the whole array would say only that something, somewhere, is wrong.
 */
function readArray(text: string, records: JsonRecord[], problems: RecordProblem[]): void {
  let line = 1;
  let depth = 0;
  let inString = false;
  let elementStart = -1; // offset of the current element's first character, -1 before it begins
  let elementLine = 0;
  let sawComma = false;
  const open = text.indexOf('[');
  for (let i = 0; i < open; i++) if (text[i] === '\n') line++;

  const finishElement = (end: number, closing: boolean) => {
    if (elementStart >= 0) parseRecord(text.slice(elementStart, end), elementLine, records, problems);
    else if (sawComma || !closing) problems.push({ line, message: 'has an empty array element (two commas, or a comma before ])' });
    elementStart = -1;
  };

  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (elementStart < 0 && !isJsonSpace(c) && c !== ',' && !(c === ']' && depth === 0)) {
      elementStart = i;
      elementLine = line;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      finishElement(i, false);
      sawComma = true;
    } else if (c === ']') {
      finishElement(i, true);
      const rest = text.slice(i + 1);
      if (/\S/.test(rest)) {
        const at = line + (rest.slice(0, rest.search(/\S/)).match(/\n/g)?.length ?? 0);
        problems.push({ line: at, message: "has text after the array's closing ]" });
      }
      return;
    }
  }
  problems.push({ line, message: 'ends the file inside the JSON array: the closing ] is missing' });
}

/** JSON Lines: one record per non-blank line. A single pretty-printed object spanning many lines is one record. */
function readLines(text: string, records: JsonRecord[], problems: RecordProblem[]): void {
  const lines = text.split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => /\S/.test(l));
  if (first >= 0 && lines[first].trim() === '{') {
    parseRecord(text, first + 1, records, problems);
    return;
  }
  for (let n = 0; n < lines.length; n++) if (/\S/.test(lines[n])) parseRecord(lines[n], n + 1, records, problems);
}

/** Records of a .json / .jsonl text: a top-level array, or one JSON value per line. */
export function readJsonRecords(text: string): { records: JsonRecord[]; problems: RecordProblem[] } {
  const records: JsonRecord[] = [];
  const problems: RecordProblem[] = [];
  if (text.trimStart().startsWith('[')) readArray(text, records, problems);
  else readLines(text, records, problems);
  return { records, problems };
}
