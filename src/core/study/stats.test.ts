import { describe, expect, it } from 'vitest';
import { mean, pairedInterval, sampleSd, tQuantile975 } from './stats';

describe('study statistics', () => {
  it('mean and sample sd by hand', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // deviations -1.5, -0.5, 0.5, 1.5: squares sum 5, / 3
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(sampleSd([7])).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it.each([
    [1, 12.706],
    [2, 4.303],
    [9, 2.262],
    [30, 2.042],
    [1000, 1.96],
  ])('t quantile for %i df is %f', (df, t) => {
    expect(tQuantile975(df)).toBe(t);
  });

  it('the t table agrees with a numeric integral of the t density', () => {
    // P(T <= q) for df degrees of freedom by Simpson's rule over the density; must be 0.975 at the table's value.
    const density = (x: number, df: number) => Math.pow(1 + (x * x) / df, -(df + 1) / 2);
    const cdfAbove0 = (q: number, df: number) => {
      const n = 20000;
      const h = q / n;
      let s = density(0, df) + density(q, df);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * density(i * h, df);
      return (s * h) / 3;
    };
    for (const df of [2, 3, 5, 10, 29]) {
      // Normalise by the integral to a far bound (the density's total half-mass).
      const half = cdfAbove0(2000, df);
      expect(0.5 + 0.5 * (cdfAbove0(tQuantile975(df), df) / half)).toBeCloseTo(0.975, 3);
    }
  });

  it('paired interval by hand', () => {
    // differences 1, 2, 3: mean 2, sd 1, half-width 4.303 / sqrt(3)
    const r = pairedInterval([11, 12, 13], [10, 10, 10]);
    expect(r.mean).toBe(2);
    expect(r.high - r.mean).toBeCloseTo(4.303 / Math.sqrt(3), 12);
    expect(r.mean - r.low).toBeCloseTo(4.303 / Math.sqrt(3), 12);
    expect(pairedInterval([1], [0]).low).toBeNaN();
    expect(() => pairedInterval([1, 2], [1])).toThrow(/equal lengths/);
  });
});
