import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../metrics/csv';
import { bandsByEpoch } from './curves';
import { bandChartSvg, niceTicks } from './svgChart';

const row = (run: string, epoch: number, metric: string, value: number, step = epoch * 10): MetricRow => ({ run, wallTime: step, step, epoch, metric, value });

describe('bands over seeds', () => {
  it('mean and lowest-to-highest band per epoch, the last evaluation of an epoch, runs mapped to variants', () => {
    const rows = [row('a-1', 1, 'dev/f1', 0.2, 5), row('a-1', 1, 'dev/f1', 0.5), row('a-2', 1, 'dev/f1', 0.7), row('a-1', 2, 'dev/f1', 0.6), row('b-1', 1, 'dev/f1', 0.1), row('a-1', 1, 'train/loss', 9)];
    const variantOf = (run: string) => (run.startsWith('a') ? 'a' : run.startsWith('b') ? 'b' : null);
    const [a, b] = bandsByEpoch(rows, 'dev/f1', ['a', 'b', 'c'], variantOf, 'last');
    expect(a).toEqual({ name: 'a', points: [{ x: 1, mean: 0.6, low: 0.5, high: 0.7, n: 2 }, { x: 2, mean: 0.6, low: 0.6, high: 0.6, n: 1 }] });
    expect(b.points).toEqual([{ x: 1, mean: 0.1, low: 0.1, high: 0.1, n: 1 }]);
    expect(bandsByEpoch(rows, 'dev/f1', ['a'], variantOf, 'mean')[0].points[0].mean).toBeCloseTo((0.35 + 0.7) / 2, 12);
  });
});

describe('SVG chart', () => {
  it.each([
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [72.3, 88.9, [75, 80, 85]],
    [1, 6, [1, 2, 3, 4, 5, 6]],
  ])('ticks over [%f, %f]', (lo, hi, ticks) => {
    expect(niceTicks(lo, hi)).toEqual(ticks);
  });

  it('draws a line, a band where seeds differ, and a legend entry per series, with text escaped', () => {
    const svg = bandChartSvg(
      [
        { name: 'crf', points: [{ x: 1, mean: 0.5, low: 0.4, high: 0.6, n: 2 }, { x: 2, mean: 0.7, low: 0.6, high: 0.8, n: 2 }] },
        { name: 'a<b', points: [{ x: 1, mean: 0.3, low: 0.3, high: 0.3, n: 1 }] },
      ],
      { title: 'dev & F1', xLabel: 'epoch', yLabel: 'F1 (%)', yScale: 100 },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<polygon /g)).toHaveLength(1); // one seed: no band
    expect(svg).toContain('dev &amp; F1');
    expect(svg).toContain('>a&lt;b</text>');
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
