import { describe, expect, it } from 'vitest';
import { cellColours, cellFill, contrastRatio, mix, readableText, relativeLuminance, type Rgb, type ScaleOptions } from './heatmapScale';

describe('relativeLuminance and contrastRatio (WCAG 2 formulas)', () => {
  it.each<[Rgb, number]>([
    [[0, 0, 0], 0],
    [[255, 255, 255], 1],
    // 0x80 = 128: (128/255 + 0.055)/1.055 ^ 2.4 = 0.2159 on each channel
    [[128, 128, 128], 0.2159],
  ])('luminance of %j is %f', (c, expected) => {
    expect(relativeLuminance(c)).toBeCloseTo(expected, 4);
  });

  it.each<[Rgb, Rgb, number]>([
    [[0, 0, 0], [255, 255, 255], 21],
    [[255, 255, 255], [0, 0, 0], 21],
    // 1.05 / (0.2159 + 0.05) = 3.95; the familiar "#808080 on white is 3.95:1"
    [[128, 128, 128], [255, 255, 255], 3.95],
    [[10, 20, 30], [10, 20, 30], 1],
  ])('%j on %j is %f:1', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 2);
  });
});

describe('mix', () => {
  it.each<[Rgb, Rgb, number, Rgb]>([
    [[0, 0, 0], [200, 100, 50], 0, [0, 0, 0]],
    [[0, 0, 0], [200, 100, 50], 0.5, [100, 50, 25]],
    [[0, 0, 0], [200, 100, 50], 2, [200, 100, 50]],
    [[0, 0, 0], [200, 100, 50], -1, [0, 0, 0]],
  ])('%j to %j at %f', (a, b, t, expected) => {
    expect(mix(a, b, t)).toEqual(expected);
  });
});

describe('cellFill', () => {
  it.each<[string, number, ScaleOptions, Rgb]>([
    ['sequential low end is near white', 0, { min: 0, max: 10 }, [247, 251, 255]],
    ['sequential high end is dark blue', 10, { min: 0, max: 10 }, [8, 48, 107]],
    // (247 + 8) / 2 = 127.5 -> 128, (251 + 48) / 2 = 149.5 -> 150, (255 + 107) / 2 = 181
    ['sequential middle', 5, { min: 0, max: 10 }, [128, 150, 181]],
    // log1p(e - 1) = 1 of log1p(e^2 - 1) = 2: half way
    ['log scale half way', Math.E - 1, { min: 0, max: Math.E ** 2 - 1, log: true }, [128, 150, 181]],
    ['empty range', 3, { min: 3, max: 3 }, [247, 251, 255]],
    ['diverging zero is neutral', 0, { min: -2, max: 4, diverging: true }, [247, 247, 247]],
    ['diverging negative end reaches red at the larger magnitude', -4, { min: -4, max: 2, diverging: true }, [178, 24, 43]],
    ['diverging positive end', 4, { min: -2, max: 4, diverging: true }, [33, 102, 172]],
    ['dark: sequential low end is a quiet grey', 0, { min: 0, max: 10, dark: true }, [44, 49, 60]],
    ['dark: sequential high end is light blue', 10, { min: 0, max: 10, dark: true }, [158, 202, 225]],
    // (44 + 158) / 2 = 101, (49 + 202) / 2 = 125.5 -> 126, (60 + 225) / 2 = 142.5 -> 143
    ['dark: sequential middle', 5, { min: 0, max: 10, dark: true }, [101, 126, 143]],
    ['dark: diverging negative end is light red', -4, { min: -4, max: 2, diverging: true, dark: true }, [244, 165, 130]],
  ])('%s', (_name, value, options, expected) => {
    expect(cellFill(value, options)).toEqual(expected);
  });
});

describe('readable text', () => {
  it.each<[Rgb, string]>([
    [[255, 255, 255], '#000000'],
    [[8, 48, 107], '#ffffff'],
    [[178, 24, 43], '#ffffff'],
    [[247, 247, 247], '#000000'],
  ])('on %j is %s', (fill, expected) => {
    expect(readableText(fill)).toBe(expected);
  });

  it('meets AA (4.5:1) across both scales, light and dark', () => {
    const scales: ScaleOptions[] = [{ min: 0, max: 100 }, { min: 0, max: 100, log: true }, { min: -100, max: 100, diverging: true }];
    scales.push(...scales.map((s) => ({ ...s, dark: true })));
    for (const options of scales) {
      for (let v = options.min; v <= options.max; v++) {
        const { fill, text } = cellColours(v, options);
        const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
        expect(contrastRatio(rgb(fill), rgb(text))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
