/**
 * @file The studio's colours that live outside the stylesheet: each run's line colour, and the ink of chart axes
 * and grids, for light and dark schemes. Every run colour reads at WCAG AA (4.5:1, so also as legend text) on the
 * panel and page backgrounds of its scheme, which styles.css sets to SURFACE and PAGE (palette.test.ts holds both).
 */
export type ColourScheme = 'light' | 'dark';

/** Panel background (--surface in styles.css). */
export const SURFACE: Record<ColourScheme, string> = { light: '#ffffff', dark: '#1b1e25' };
/** Page background (--bg in styles.css). */
export const PAGE: Record<ColourScheme, string> = { light: '#f6f7f9', dark: '#111318' };

/** Run colours by slot (runIdentity.ts): the same hues in both schemes, lighter in the dark one. */
export const RUN_PALETTE: Record<ColourScheme, readonly string[]> = {
  light: ['#1a5fb4', '#c64600', '#26734d', '#8f3ca3', '#a4161a', '#0b6e75', '#6b5900', '#3d4350'],
  dark: ['#79aef7', '#f5a068', '#5cc98a', '#d59cf2', '#ff8f94', '#4fc9d1', '#d9c256', '#b9c0cc'],
};

/** Axis lines and tick labels (text: AA), and the grid behind the lines (decoration). */
export const CHART_INK: Record<ColourScheme, { axis: string; grid: string; tooltip: string }> = {
  light: { axis: '#3d4350', grid: '#d0d4dc', tooltip: '#ffffff' },
  dark: { axis: '#b9c0cc', grid: '#3a404c', tooltip: '#1b1e25' },
};

export const runColour = (slot: number, scheme: ColourScheme): string => {
  const palette = RUN_PALETTE[scheme];
  return palette[((slot % palette.length) + palette.length) % palette.length];
};
