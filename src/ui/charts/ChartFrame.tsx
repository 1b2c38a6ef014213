/** @file A chart as one image for assistive technology: a name, a text summary, and the point count for tests. */
import { useId, type ReactNode } from 'react';

interface Props {
  name: string;
  summary: string;
  points: number;
  children: ReactNode;
}

export function ChartFrame({ name, summary, points, children }: Props) {
  const id = useId();
  return (
    <figure className="chart">
      <figcaption>{name.replace(/ chart$/, '')}</figcaption>
      <div role="img" aria-label={name} aria-describedby={id} data-points={points} className="chart-body">
        {children}
      </div>
      <p id={id} className="chart-summary">
        {summary}
      </p>
    </figure>
  );
}
