import { describe, expect, it } from 'vitest';
import { linearScale, niceDomain, niceStep, pathOf, thin, tickLabel, type Point } from './lineGeometry';

describe('niceStep and niceDomain', () => {
  it.each([
    [10, 5, 2],
    [1, 5, 0.2],
    [0.37, 4, 0.1],
    [7, 5, 2],
    [250, 5, 50],
    [1.2, 5, 0.25],
  ])('span %f in %i parts steps by %f', (span, count, step) => {
    expect(niceStep(span, count)).toBeCloseTo(step, 12);
  });

  it.each([
    // min, max -> domain and ticks
    [0, 1, { min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] }],
    // 12.27 / 5 = 2.45 -> a step of 2.5
    [0.13, 12.4, { min: 0, max: 12.5, ticks: [0, 2.5, 5, 7.5, 10, 12.5] }],
    // one point: widened by half its value each way to [1.5, 4.5]; 3 / 5 = 0.6 -> a step of 1
    [3, 3, { min: 1, max: 5, ticks: [1, 2, 3, 4, 5] }],
    [0, 0, { min: -1, max: 1, ticks: [-1, -0.5, 0, 0.5, 1] }],
  ])('[%f, %f]', (min, max, expected) => {
    expect(niceDomain(min, max)).toEqual(expected);
  });

  it('integer axes (steps) never tick between whole numbers', () => {
    expect(niceDomain(1, 3, 5, true)).toEqual({ min: 1, max: 3, ticks: [1, 2, 3] });
    expect(niceDomain(1, 2, 5, true).ticks.every(Number.isInteger)).toBe(true);
  });

  it('an empty series (infinite bounds) gets the unit range', () => {
    expect(niceDomain(Infinity, -Infinity)).toEqual({ min: 0, max: 1, ticks: [0, 0.5, 1] });
  });
});

describe('linearScale', () => {
  it('maps ends to ends and is linear between, also flipped (SVG y grows down)', () => {
    const y = linearScale(0, 10, 200, 0);
    expect([y(0), y(10), y(2.5)]).toEqual([200, 0, 150]);
    expect(linearScale(5, 5, 0, 100)(5)).toBe(0); // a flat domain does not divide by zero
  });
});

describe('thin', () => {
  const series = (ys: number[]): Point[] => ys.map((y, x) => ({ x, y }));
  it('leaves short series alone', () => {
    const s = series([3, 1, 2]);
    expect(thin(s, 10)).toEqual(s);
  });
  it('keeps the first, the last, and each bucket’s extremes, in x order', () => {
    // 2 + 8 inner points in 2 buckets of 4: [9, 1, 5, 5] -> 1 and 9; [5, 0, 7, 5] -> 0 and 7
    const s = series([4, 9, 1, 5, 5, 5, 0, 7, 5, 6]);
    const out = thin(s, 4);
    expect(out.map((p) => p.y)).toEqual([4, 9, 1, 0, 7, 6]);
    expect(out.map((p) => p.x)).toEqual([...out.map((p) => p.x)].sort((a, b) => a - b));
  });
  it('a spike in 10,000 points survives thinning to 200', () => {
    const ys = Array.from({ length: 10_000 }, (_, i) => (i === 6_543 ? 100 : Math.sin(i / 50)));
    const out = thin(series(ys), 200);
    expect(out.length).toBeLessThanOrEqual(202);
    expect(Math.max(...out.map((p) => p.y))).toBe(100);
  });
});

describe('pathOf and tickLabel', () => {
  it('writes the scaled points as a path', () => {
    expect(pathOf(series2(), (x) => x * 10, (y) => 100 - y)).toBe('M0.0 99.0 L10.0 98.5');
  });
  it.each([
    [4, 1, '4'],
    [0.4, 0.2, '0.4'],
    [0.25, 0.25, '0.25'],
    [12.5, 2.5, '12.5'],
    [0.001, 0.0005, '0.0010'],
  ])('%f with step %f is %s', (v, step, text) => {
    expect(tickLabel(v, step)).toBe(text);
  });
});

function series2(): Point[] {
  return [
    { x: 0, y: 1 },
    { x: 1, y: 1.5 },
  ];
}
