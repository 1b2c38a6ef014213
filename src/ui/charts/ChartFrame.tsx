/**
 * @file A chart as one image for assistive technology: a name, a text summary, the point count for tests, and PNG/SVG downloads.
 */
import { useId, useRef, type ReactNode } from 'react';
import { ChartDownloads } from './ChartDownloads';

interface Props {
  name: string;
  summary: string;
  points: number;
  children: ReactNode;
}

export function ChartFrame({ name, summary, points, children }: Props) {
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  // The chart's own surface (ours, or recharts' for the bar charts), not the small SVGs of recharts' legend icons.
  const svg = () => body.current?.querySelector<SVGSVGElement>('svg.chart-svg, .recharts-wrapper > svg.recharts-surface') ?? null;
  return (
    <figure className="chart">
      <figcaption>{name.replace(/ chart$/, '')}</figcaption>
      <div role="img" aria-label={name} aria-describedby={id} data-points={points} className="chart-body" ref={body}>
        {children}
      </div>
      <p id={id} className="chart-summary">
        {summary}
      </p>
      <ChartDownloads name={name} svg={svg} />
    </figure>
  );
}
