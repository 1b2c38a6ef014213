import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { contrastRatio, type Rgb } from '../components/heatmapScale';
import { CHART_INK, PAGE, RUN_PALETTE, SURFACE, runColour, type ColourScheme } from './palette';

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
const SCHEMES: ColourScheme[] = ['light', 'dark'];

describe('run and chart colours keep WCAG AA contrast in both schemes', () => {
  it('the contrast formula gives the known values', () => {
    expect(contrastRatio(rgb('#000000'), rgb('#ffffff'))).toBeCloseTo(21, 6);
    expect(contrastRatio(rgb('#777777'), rgb('#ffffff'))).toBeCloseTo(4.48, 2); // the classic just-fails grey
  });

  for (const scheme of SCHEMES) {
    it(`${scheme}: every run colour and the axis ink are at least 4.5:1 on the panel and the page`, () => {
      for (const colour of [...RUN_PALETTE[scheme], CHART_INK[scheme].axis]) {
        for (const background of [SURFACE[scheme], PAGE[scheme]]) {
          expect(contrastRatio(rgb(colour), rgb(background)), `${colour} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    });
  }

  it('both schemes have a colour for every slot, and slots wrap around', () => {
    expect(RUN_PALETTE.light.length).toBe(RUN_PALETTE.dark.length);
    expect(new Set(RUN_PALETTE.light).size).toBe(RUN_PALETTE.light.length);
    expect(runColour(RUN_PALETTE.light.length + 1, 'light')).toBe(RUN_PALETTE.light[1]);
  });

  it('styles.css paints the backgrounds the palette was checked against', () => {
    const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
    const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
    expect(light).toContain(`--surface: ${SURFACE.light};`);
    expect(light).toContain(`--bg: ${PAGE.light};`);
    expect(dark).toContain(`--surface: ${SURFACE.dark};`);
    expect(dark).toContain(`--bg: ${PAGE.dark};`);
  });
});
