import { describe, it, expect } from 'vitest';
import { metricsToCsv, parseMetricsCsv, type MetricRow } from './csv';

const row = (run: string, wallTime: number, step: number, epoch: number, metric: string, value: number): MetricRow => ({
  run,
  wallTime,
  step,
  epoch,
  metric,
  value,
});

describe('metricsToCsv', () => {
  it.each<[string, MetricRow[], string]>([
    ['no rows: the header alone', [], 'run,wall_time,step,epoch,metric,value\n'],
    [
      'plain rows',
      [row('baseline', 1700000000.25, 10, 1, 'loss', 0.5), row('baseline', 1700000001.5, 20, 1, 'dev/f1', 0.875)],
      'run,wall_time,step,epoch,metric,value\n' +
        'baseline,1700000000.25,10,1,loss,0.5\n' +
        'baseline,1700000001.5,20,1,dev/f1,0.875\n',
    ],
    [
      'a run name with a comma and quotes is quoted, quotes doubled',
      [row('lr=1e-3, dropout "0.5"', 1.5, 0, 0, 'loss', 2)],
      'run,wall_time,step,epoch,metric,value\n"lr=1e-3, dropout ""0.5""",1.5,0,0,loss,2\n',
    ],
    [
      'a line break in a run name is quoted',
      [row('two\nlines', 1, 1, 1, 'loss', 1)],
      'run,wall_time,step,epoch,metric,value\n"two\nlines",1,1,1,loss,1\n',
    ],
    [
      'floats are written in full, NaN as NaN',
      [row('r', 0.1 + 0.2, 3, 0, 'loss', Number.NaN), row('r', 1, 4, 0, 'lr', 1e-7)],
      'run,wall_time,step,epoch,metric,value\nr,0.30000000000000004,3,0,loss,NaN\nr,1,4,0,lr,1e-7\n',
    ],
  ])('%s', (_name, rows, csv) => {
    expect(metricsToCsv(rows)).toBe(csv);
  });
});

describe('parseMetricsCsv', () => {
  it('reads back exactly what metricsToCsv wrote', () => {
    const rows = [
      row('baseline', 1700000000.123456, 0, 0, 'train/loss', 2.302585092994046),
      row('lr=1e-3, "wide"', 1700000012.000001, 100, 1, 'dev/f1', 0.9134),
      row('multi\r\nline', 0.1 + 0.2, 200, 2, 'lr', 1e-7),
      row('r', 5, 300, 3, 'loss', Number.NaN),
      row('r', 6, 301, 3, 'loss', Number.POSITIVE_INFINITY),
      row('', 7, 302, 3, 'odd,metric', -0.5),
    ];
    expect(parseMetricsCsv(metricsToCsv(rows))).toEqual(rows);
  });

  it('accepts CRLF, reordered columns, a BOM, no final newline and blank lines', () => {
    const text = '\uFEFFmetric,value,run,step,epoch,wall_time\r\nloss,0.25,"a,b",3,1,10.5\r\n\r\nf1,0.75,c,4,1,11';
    expect(parseMetricsCsv(text)).toEqual([row('a,b', 10.5, 3, 1, 'loss', 0.25), row('c', 11, 4, 1, 'f1', 0.75)]);
  });

  it('reads an empty numeric cell as NaN, not 0', () => {
    expect(parseMetricsCsv('run,wall_time,step,epoch,metric,value\nr,1,2,3,loss,\n')[0].value).toBeNaN();
  });

  it('returns nothing for empty text and names a missing column', () => {
    expect(parseMetricsCsv('')).toEqual([]);
    expect(() => parseMetricsCsv('run,step,epoch,metric,value\n')).toThrow(/no "wall_time" column/);
  });
});
