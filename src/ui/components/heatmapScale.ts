/**
 * @file Colours for heatmap cells and a text colour that stays readable on each: the text is black or white,
 * whichever contrasts more with the fill, which by construction is never below 4.58:1 (WCAG AA for normal text).
 */
export type Rgb = readonly [number, number, number];

export interface ScaleOptions {
  min: number;
  max: number;
  /** Diverging: below zero runs to red, above to blue, zero is near white. Otherwise white to dark blue. */
  diverging?: boolean;
  /** Sequential only: position by log(1 + value), so one huge cell (O predicted as O) does not wash out the rest. */
  log?: boolean;
  /** On a dark page: low values run from near the panel's own colour up to light, so small values stay quiet. */
  dark?: boolean;
}

// ColorBrewer Blues and RdBu end points.
const WHITE: Rgb = [247, 251, 255];
const BLUE: Rgb = [8, 48, 107];
const RED: Rgb = [178, 24, 43];
const DIV_BLUE: Rgb = [33, 102, 172];
const NEUTRAL: Rgb = [247, 247, 247];
// Dark-scheme ends: a grey a step above the dark panel, to ColorBrewer's light blue and red.
const DARK_LOW: Rgb = [44, 49, 60];
const DARK_HIGH: Rgb = [158, 202, 225];
const DARK_RED: Rgb = [244, 165, 130];
const DARK_NEUTRAL: Rgb = [44, 49, 60];

export const BLACK_TEXT = '#000000';
export const WHITE_TEXT = '#ffffff';

/** WCAG 2 relative luminance of an sRGB colour with 0-255 channels. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const u = Math.min(1, Math.max(0, t));
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * u)) as unknown as Rgb;
}

/** Black or white, whichever reads better on fill. */
export function readableText(fill: Rgb): typeof BLACK_TEXT | typeof WHITE_TEXT {
  return contrastRatio(fill, [0, 0, 0]) >= contrastRatio(fill, [255, 255, 255]) ? BLACK_TEXT : WHITE_TEXT;
}

export const toHex = (c: Rgb) => `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;

/** Fill for value on the scale; NaN and an empty range give the scale's low end. */
export function cellFill(value: number, { min, max, diverging, log, dark }: ScaleOptions): Rgb {
  if (diverging) {
    const [neutral, red, blue] = dark ? [DARK_NEUTRAL, DARK_RED, DARK_HIGH] : [NEUTRAL, RED, DIV_BLUE];
    const reach = Math.max(Math.abs(min), Math.abs(max));
    if (!(reach > 0) || !Number.isFinite(value)) return neutral;
    return value < 0 ? mix(neutral, red, -value / reach) : mix(neutral, blue, value / reach);
  }
  const [low, high] = dark ? [DARK_LOW, DARK_HIGH] : [WHITE, BLUE];
  const pos = log ? (v: number) => Math.log1p(Math.max(0, v)) : (v: number) => v;
  const span = pos(max) - pos(min);
  if (!(span > 0) || !Number.isFinite(value)) return low;
  return mix(low, high, (pos(value) - pos(min)) / span);
}

export function cellColours(value: number, options: ScaleOptions): { fill: string; text: string } {
  const fill = cellFill(value, options);
  return { fill: toHex(fill), text: readableText(fill) };
}
