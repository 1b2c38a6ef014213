/**
 * @file A chart as one image for assistive technology: a name, a text summary, the point count for tests, and PNG/SVG downloads.
 * The download buttons are named plainly and found through their figure: a name holding the chart's
 * ("Training loss…") would also match a search for the "Train" button.
 */
import { useId, useRef, type ReactNode } from 'react';
import { chartFileName, downloadPng, downloadSvg } from './chartExport';

interface Props {
  name: string;
  summary: string;
  points: number;
  children: ReactNode;
}

export function ChartFrame({ name, summary, points, children }: Props) {
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  // The chart's own surface, not the small SVGs of its legend icons.
  const svg = () => body.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface') ?? null;
  const file = chartFileName(name);
  return (
    <figure className="chart">
      <figcaption>{name.replace(/ chart$/, '')}</figcaption>
      <div role="img" aria-label={name} aria-describedby={id} data-points={points} className="chart-body" ref={body}>
        {children}
      </div>
      <p id={id} className="chart-summary">
        {summary}
      </p>
      <div className="chart-actions">
        <button type="button" className="small" aria-label="Download PNG" onClick={() => svg() && void downloadPng(svg()!, `${file}.png`)}>
          PNG
        </button>
        <button type="button" className="small" aria-label="Download SVG" onClick={() => svg() && downloadSvg(svg()!, `${file}.svg`)}>
          SVG
        </button>
      </div>
    </figure>
  );
}
