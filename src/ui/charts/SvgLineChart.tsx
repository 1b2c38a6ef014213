/**
 * @file A line chart drawn as plain SVG: axes with nice ticks, a grid, one path per series, a legend and a hover
 * read-out. The live charts redraw several times a second while a run trains; recharts took 50–100 ms of the page's
 * main thread per redraw on this project's machines, this takes a few (see e2e/workspace.spec.ts, long tasks).
 */
import { useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { linearScale, niceDomain, pathOf, thin, tickLabel, type Point } from './lineGeometry';

export interface LineSeries {
  id: string;
  name: string;
  colour: string;
  points: readonly Point[];
  /** SVG stroke-dasharray, to tell apart lines of one colour. */
  dash?: string;
  width?: number;
  /** Mark each point (for sparse series such as evaluations). */
  dots?: boolean;
}

interface Props {
  series: readonly LineSeries[];
  ink: { axis: string; grid: string; tooltip: string };
  height?: number;
  /** Whole-number x ticks (steps). */
  xInteger?: boolean;
  /** A fixed y range (F1 is 0–1); otherwise the data's, widened to nice ticks. */
  yDomain?: [number, number];
  legend?: boolean;
}

const MARGIN = { top: 8, right: 16, bottom: 22, left: 52 };
const LEGEND_ROW = 20;
const CHAR = 7; // px per character at 12px, for laying out the legend

function legendLayout(series: readonly LineSeries[], width: number): { x: number; row: number }[] {
  let x = MARGIN.left;
  let row = 0;
  return series.map((s) => {
    const w = 28 + s.name.length * CHAR + 16;
    if (x + w > width && x > MARGIN.left) {
      x = MARGIN.left;
      row++;
    }
    const at = { x, row };
    x += w;
    return at;
  });
}

/** Smallest and largest x and y, by a loop: Math.min(...points) overflows the stack on a long run's 100k steps. */
function extent(points: readonly Point[]): { x0: number; x1: number; y0: number; y1: number } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  return { x0, x1, y0, y1 };
}

/** The point of a series nearest to x, for the hover read-out. */
function nearest(points: readonly Point[], x: number): Point | null {
  let best: Point | null = null;
  for (const p of points) if (!best || Math.abs(p.x - x) < Math.abs(best.x - x)) best = p;
  return best;
}

export function SvgLineChart({ series, ink, height = 220, xInteger = false, yDomain, legend = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hoverX, setHoverX] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const bounds = extent(all);
  const xs = niceDomain(bounds.x0, bounds.x1, 6, xInteger);
  // x spans the data exactly (a run's first step at the left edge), ticks inside it.
  const [x0, x1] = all.length ? [bounds.x0, bounds.x1] : [0, 1];
  const ys = yDomain ? niceDomain(yDomain[0], yDomain[1], 4) : niceDomain(bounds.y0, bounds.y1, 4);
  const layout = legend ? legendLayout(series, width) : [];
  const legendHeight = legend && series.length ? (Math.max(...layout.map((l) => l.row)) + 1) * LEGEND_ROW : 0;
  const total = height + legendHeight;
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const sx = linearScale(x0, x1 === x0 ? x0 + 1 : x1, MARGIN.left, MARGIN.left + plotW);
  const sy = linearScale(ys.min, ys.max, MARGIN.top + plotH, MARGIN.top);
  const xTicks = xs.ticks.filter((t) => t >= x0 && t <= (x1 === x0 ? x0 : x1));
  const xStep = xs.ticks.length > 1 ? xs.ticks[1] - xs.ticks[0] : 1;
  const yStep = ys.ticks.length > 1 ? ys.ticks[1] - ys.ticks[0] : 1;

  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    if (!all.length || px < MARGIN.left || px > MARGIN.left + plotW) return setHoverX(null);
    setHoverX(x0 + ((px - MARGIN.left) / plotW) * (x1 - x0));
  };
  const hover = hoverX === null ? [] : series.map((s) => ({ s, p: nearest(s.points, hoverX) })).filter((h) => h.p);

  return (
    <div ref={box} className="svg-chart">
      {width > 0 && (
        <svg className="chart-svg" width={width} height={total} viewBox={`0 0 ${width} ${total}`} onPointerMove={onMove} onPointerLeave={() => setHoverX(null)}>
          <g className="chart-grid" stroke={ink.grid} strokeDasharray="3 3">
            {ys.ticks.map((t) => (
              <line key={`y${t}`} x1={MARGIN.left} x2={MARGIN.left + plotW} y1={sy(t)} y2={sy(t)} />
            ))}
            {xTicks.map((t) => (
              <line key={`x${t}`} x1={sx(t)} x2={sx(t)} y1={MARGIN.top} y2={MARGIN.top + plotH} />
            ))}
          </g>
          <g className="chart-axes" stroke={ink.axis} fill={ink.axis} fontSize={12}>
            <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={MARGIN.top + plotH} />
            <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH} />
            {ys.ticks.map((t) => (
              <text key={t} x={MARGIN.left - 6} y={sy(t)} textAnchor="end" dominantBaseline="central" stroke="none">
                {tickLabel(t, yStep)}
              </text>
            ))}
            {xTicks.map((t) => (
              <text key={t} x={sx(t)} y={MARGIN.top + plotH + 15} textAnchor="middle" stroke="none">
                {tickLabel(t, xStep)}
              </text>
            ))}
          </g>
          {series.map((s) => {
            // A diverged run's NaN or infinite losses are left out of the line rather than breaking the path.
            const shown = thin(s.points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x)), Math.max(50, Math.round(plotW * 2)));
            return (
              <g key={s.id} className="chart-series" data-series={s.id}>
                <path className="chart-line" d={pathOf(shown, sx, sy)} fill="none" stroke={s.colour} strokeWidth={s.width ?? 1.5} strokeDasharray={s.dash} />
                {(s.dots || s.points.length === 1) &&
                  shown.map((p, i) => <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={3} fill={s.colour} stroke="none" />)}
              </g>
            );
          })}
          {legend &&
            series.map((s, i) => {
              const y = height + layout[i].row * LEGEND_ROW + 10;
              return (
                <g key={s.id} className="chart-legend-item">
                  <line x1={layout[i].x} x2={layout[i].x + 22} y1={y} y2={y} stroke={s.colour} strokeWidth={s.width ?? 2} strokeDasharray={s.dash} />
                  <text x={layout[i].x + 28} y={y} dominantBaseline="central" fontSize={12} fill={s.colour}>
                    {s.name}
                  </text>
                </g>
              );
            })}
          {hoverX !== null && hover.length > 0 && <line x1={sx(hover[0].p!.x)} x2={sx(hover[0].p!.x)} y1={MARGIN.top} y2={MARGIN.top + plotH} stroke={ink.axis} />}
        </svg>
      )}
      {hover.length > 0 && (
        <div className="chart-tooltip" style={{ backgroundColor: ink.tooltip, borderColor: ink.grid }}>
          {hover.map(({ s, p }) => (
            <div key={s.id} style={{ color: s.colour }}>
              {s.name}: {p!.y.toFixed(4)} at {Number.isInteger(p!.x) ? p!.x : p!.x.toFixed(2)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
