/**
 * @file The arithmetic of a line chart, kept pure: "nice" axis ticks, linear scales, thinning a long series to what
 * the pixels can show, and the SVG path of a series. SvgLineChart draws with it.
 */
export interface Point {
  x: number;
  y: number;
}

/** A step of 1, 2, 2.5 or 5 times a power of ten that cuts [min, max] into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** The domain widened to whole steps, and the ticks on it; a flat or empty range still gets a visible span. */
export function niceDomain(min: number, max: number, count = 5, integer = false): { min: number; max: number; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, ticks: [0, 0.5, 1] };
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    [min, max] = [min - pad, max + pad];
  }
  let step = niceStep(max - min, count);
  if (integer) step = Math.max(1, Math.round(step));
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounding each tick to the step's decimals keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { min: lo, max: hi, ticks };
}

/** Maps [d0, d1] onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/**
 * At most about `max` points: the series cut into buckets by x, each keeping its lowest and highest point (so spikes
 * survive), first and last always kept. Short series come back as they are.
 */
export function thin(points: readonly Point[], max: number): Point[] {
  if (points.length <= max || max < 4) return points.slice();
  const buckets = Math.floor(max / 2);
  const size = (points.length - 2) / buckets;
  const out: Point[] = [points[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor(b * size);
    const to = Math.min(points.length - 1, 1 + Math.floor((b + 1) * size));
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (points[i].y < points[lo].y) lo = i;
      if (points[i].y > points[hi].y) hi = i;
    }
    for (const i of lo <= hi ? [lo, hi] : [hi, lo]) if (i < to && out.at(-1) !== points[i]) out.push(points[i]);
  }
  out.push(points[points.length - 1]);
  return out;
}

/** "M x y L x y …" through the points, scaled, to one decimal. */
export function pathOf(points: readonly Point[], sx: (v: number) => number, sy: (v: number) => number): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)} ${sy(p.y).toFixed(1)}`).join(' ');
}

/** A tick as text: whole numbers plain, others with as few decimals as the step needs. */
export function tickLabel(v: number, step: number): string {
  if (Number.isInteger(v) && step >= 1) return String(v);
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(step)) + (step / 10 ** Math.floor(Math.log10(step)) === 2.5 ? 1 : 0)));
  return v.toFixed(decimals);
}
