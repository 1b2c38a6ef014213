/**
 * @file A line chart with bands as an SVG document, written here rather than with a plotting library: a study's
 * curves (mean over seeds, band from the lowest to the highest seed), one colour per variant, axes with round
 * ticks and a legend. Plain text, so the files diff and open in any browser.
 */
import type { BandSeries } from './curves';

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Multiply values for display (100 for F1 in percent). */
  yScale?: number;
  width?: number;
  height?: number;
}

/** Distinguishable colours (Tableau 10, then darker variants for studies with more variants). */
export const SERIES_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f3b5c', '#8c4a12', '#2d6a2d', '#5b2c6f'];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number) => (Math.round(x * 100) / 100).toString();

/** Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

export function bandChartSvg(series: readonly BandSeries[], o: ChartOptions): string {
  const width = o.width ?? 860;
  const height = o.height ?? 420;
  const scale = o.yScale ?? 1;
  // About 7 px a character at the legend's 12 px font, beside the 24 px swatch.
  const legendWidth = Math.max(120, 36 + 7 * Math.max(0, ...series.map((s) => s.name.length)));
  const m = { left: 64, right: legendWidth + 16, top: 52, bottom: 52 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const points = series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => [p.low * scale, p.high * scale]);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (y1 - y0 < 1e-9) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = (y1 - y0) * 0.05;
  [y0, y1] = [y0 - pad, y1 + pad];
  const sx = (x: number) => m.left + (x1 === x0 ? plotW / 2 : ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number) => m.top + plotH - ((y - y0) / (y1 - y0)) * plotH;

  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${m.left}" y="22" font-size="15" font-weight="bold">${escapeXml(o.title)}</text>`);
  parts.push(`<text x="${m.left}" y="40" font-size="11" fill="#555">line: mean over seeds; band: lowest to highest seed</text>`);
  for (const t of niceTicks(y0, y1)) {
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${num(sy(t))}" y2="${num(sy(t))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.left - 6}" y="${num(sy(t) + 4)}" font-size="11" text-anchor="end">${num(t)}</text>`);
  }
  for (const t of niceTicks(x0, x1, Math.min(10, Math.max(1, x1 - x0)))) {
    parts.push(`<line x1="${num(sx(t))}" x2="${num(sx(t))}" y1="${m.top + plotH}" y2="${m.top + plotH + 4}" stroke="#333"/>`);
    parts.push(`<text x="${num(sx(t))}" y="${m.top + plotH + 17}" font-size="11" text-anchor="middle">${num(t)}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${m.left + plotW / 2}" y="${height - 12}" font-size="12" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${m.top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">${escapeXml(o.yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    const upper = s.points.map((p) => `${num(sx(p.x))},${num(sy(p.high * scale))}`);
    const lower = s.points.map((p) => `${num(sx(p.x))},${num(sy(p.low * scale))}`).reverse();
    if (s.points.some((p) => p.high > p.low)) parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.15" stroke="none"/>`);
    const line = s.points.map((p) => `${num(sx(p.x))},${num(sy(p.mean * scale))}`).join(' ');
    parts.push(`<polyline points="${line}" fill="none" stroke="${colour}" stroke-width="2"><title>${escapeXml(s.name)}</title></polyline>`);
    const ly = m.top + 8 + i * 18;
    const lx = width - legendWidth;
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`);
    parts.push(`<text x="${lx + 24}" y="${ly + 4}" font-size="12">${escapeXml(s.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="${escapeXml(o.title)}">\n${parts.join('\n')}\n</svg>\n`;
}
