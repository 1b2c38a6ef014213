/**
 * @file A matrix as an SVG heatmap: labelled rows and columns, each cell coloured on a scale with its value written in
 * black or white for AA contrast, a tooltip per cell, and the same numbers as a table for screen readers and copying.
 * The caller's heading titles it; name is the image's accessible name.
 */
import { useId, useRef } from 'react';
import { ChartDownloads } from '../charts/ChartDownloads';
import { TableScroll } from './TableScroll';
import { cellColours } from './heatmapScale';
import { SURFACE } from '../theme/palette';
import { useColourScheme } from '../theme/useColourScheme';

interface Props {
  /** The accessible name of the image, e.g. "Confusion matrix". */
  name: string;
  /** One or two sentences read after the name: what the colours mean and what stands out. */
  summary: string;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** values[r][c] */
  values: readonly (readonly number[])[];
  /** Axis titles, e.g. "Gold tag" and "Predicted tag". */
  rowTitle: string;
  colTitle: string;
  /** Diverging: negative red, positive blue, zero white. Otherwise white to blue, log scaled when log is set. */
  diverging?: boolean;
  log?: boolean;
  format?: (value: number) => string;
}

const CHAR_W = 7; // px per label character at 12px
const defaultFormat = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export function Heatmap({ name, summary, rowLabels, colLabels, values, rowTitle, colTitle, diverging, log, format = defaultFormat }: Props) {
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const scheme = useColourScheme();
  const dark = scheme === 'dark';
  const flat = values.flat();
  const min = flat.length > 0 ? Math.min(...flat) : 0;
  const max = flat.length > 0 ? Math.max(...flat) : 0;
  const longest = (labels: readonly string[]) => Math.max(1, ...labels.map((l) => l.length));
  const widest = Math.max(...flat.map((v) => format(v).length), 1);
  // Cells fit their widest value at 11px and never shrink below a readable size.
  const cell = Math.max(30, widest * 7 + 8);
  const left = 24 + longest(rowLabels) * CHAR_W + 8; // row title, then row labels
  const top = 20 + longest(colLabels) * CHAR_W * 0.72 + 10; // column title, then labels at -45 degrees
  const width = left + colLabels.length * cell + longest(colLabels) * CHAR_W * 0.72;
  const height = top + rowLabels.length * cell + 4;
  return (
    <figure className="chart heatmap">
      <div className="heatmap-scroll">
        <div role="img" aria-label={name} aria-describedby={id} data-rows={rowLabels.length} data-cols={colLabels.length} ref={body}>
          <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="heatmap-svg">
            <text x={left} y={12} className="heatmap-title">
              {colTitle} →
            </text>
            <text transform={`translate(12 ${top}) rotate(-90)`} textAnchor="end" className="heatmap-title">
              {rowTitle} →
            </text>
            {colLabels.map((label, c) => (
              <text key={label} transform={`translate(${left + c * cell + cell / 2} ${top - 6}) rotate(-45)`} className="heatmap-label">
                {label}
              </text>
            ))}
            {rowLabels.map((label, r) => (
              <g key={label}>
                <text x={left - 6} y={top + r * cell + cell / 2} textAnchor="end" dominantBaseline="central" className="heatmap-label">
                  {label}
                </text>
                {colLabels.map((colLabel, c) => {
                  const value = values[r]?.[c] ?? NaN;
                  const { fill, text } = cellColours(value, { min, max, diverging, log, dark });
                  const x = left + c * cell;
                  const y = top + r * cell;
                  return (
                    <g key={colLabel}>
                      <title>{`${rowTitle} ${label}, ${colTitle.toLowerCase()} ${colLabel}: ${format(value)}`}</title>
                      <rect x={x} y={y} width={cell} height={cell} fill={fill} stroke={SURFACE[scheme]} />
                      <text x={x + cell / 2} y={y + cell / 2} fill={text} textAnchor="middle" dominantBaseline="central" className="heatmap-value">
                        {format(value)}
                      </text>
                    </g>
                  );
                })}
              </g>
            ))}
          </svg>
        </div>
      </div>
      <p id={id} className="chart-summary">
        {summary}
      </p>
      <ChartDownloads name={name} svg={() => body.current?.querySelector('svg') ?? null} />
      <details className="heatmap-table">
        <summary>{name} as a table</summary>
        <TableScroll label={`${name} values`}>
          <table aria-label={`${name} values`} className="compact">
            <thead>
              <tr>
                <th scope="col">
                  {rowTitle} \ {colTitle.toLowerCase()}
                </th>
                {colLabels.map((l) => (
                  <th scope="col" key={l}>
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rowLabels.map((label, r) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {colLabels.map((l, c) => (
                    <td key={l}>{format(values[r]?.[c] ?? NaN)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
