/** @file Training metrics as long-format CSV (one value per row), the shape pandas and spreadsheets read directly. */

export interface MetricRow {
  run: string;
  /** Seconds since the epoch, fractional (TensorBoard's wall_time). */
  wallTime: number;
  step: number;
  epoch: number;
  metric: string;
  value: number;
}

const HEADER = ['run', 'wall_time', 'step', 'epoch', 'metric', 'value'] as const;

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** String(n) is the shortest text that reads back to the same double, so a round trip is exact. */
export function metricsToCsv(rows: MetricRow[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) lines.push([quote(r.run), r.wallTime, r.step, r.epoch, quote(r.metric), r.value].join(','));
  return lines.join('\n') + '\n';
}

/** Splits RFC 4180 text into records of fields; accepts LF or CRLF and a missing final newline. */
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

function toNumber(text: string): number {
  // Number('') is 0; an empty cell is a missing value, not a zero.
  return text.trim() === '' ? NaN : Number(text);
}

/** Inverse of metricsToCsv. Columns are found by header name; throws when one is missing. Blank lines are skipped. */
export function parseMetricsCsv(text: string): MetricRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = parseRecords(text).filter((r) => !(r.length === 1 && r[0] === ''));
  if (records.length === 0) return [];
  const header = records[0].map((h) => h.trim());
  const col = Object.fromEntries(
    HEADER.map((name) => {
      const at = header.indexOf(name);
      if (at < 0) throw new Error(`metrics CSV has no "${name}" column; header is: ${header.join(',')}`);
      return [name, at];
    }),
  ) as Record<(typeof HEADER)[number], number>;
  return records.slice(1).map((r) => ({
    run: r[col.run] ?? '',
    wallTime: toNumber(r[col.wall_time] ?? ''),
    step: toNumber(r[col.step] ?? ''),
    epoch: toNumber(r[col.epoch] ?? ''),
    metric: r[col.metric] ?? '',
    value: toNumber(r[col.value] ?? ''),
  }));
}
