/** @file The compared runs' curves overlaid on shared axes, with smoothing and a choice of x axis. */
import { useState } from 'react';
import type { RunRecord } from '../../store/runs';
import { ChartFrame } from '../charts/ChartFrame';
import { SvgLineChart } from '../charts/SvgLineChart';
import { useChartTheme, useRunColours } from '../theme/useChartTheme';
import { COMPARE_METRICS, X_AXES, entityTypes, mergeSeries, runSeries, type CompareMetric, type XAxis } from './series';

export function CompareChart({ runs }: { runs: RunRecord[] }) {
  const [metric, setMetric] = useState<CompareMetric>('train loss');
  const [axis, setAxis] = useState<XAxis>('step');
  const [smoothing, setSmoothing] = useState(0);
  const ink = useChartTheme();
  const colourOf = useRunColours();
  const metrics: CompareMetric[] = [...COMPARE_METRICS, ...entityTypes(runs).map((t) => `dev F1 ${t}` as const)];
  const series = runs.map((r) => ({ id: r.id, points: runSeries(r, metric, axis, smoothing) }));
  const rows = mergeSeries(series);
  const summary = runs
    .map((r, i) => {
      const last = series[i].points.at(-1);
      return `${r.name}: ${series[i].points.length} points${last ? `, last ${last.y.toFixed(4)}` : ''}`;
    })
    .join('; ');
  return (
    <div>
      <div className="controls">
        <div className="field">
          <label htmlFor="compare-metric">Metric</label>
          <select id="compare-metric" value={metric} onChange={(e) => setMetric(e.target.value as CompareMetric)}>
            {metrics.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="compare-axis">X axis</label>
          <select id="compare-axis" value={axis} onChange={(e) => setAxis(e.target.value as XAxis)}>
            {X_AXES.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="compare-smoothing">Smoothing</label>
          <input id="compare-smoothing" type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
          <span className="hint">{smoothing.toFixed(2)}</span>
        </div>
      </div>
      <ChartFrame name="Run comparison chart" summary={`${metric} against ${axis}. ${summary}`} points={rows.length}>
        <SvgLineChart series={runs.map((r, i) => ({ id: r.id, name: r.name, colour: colourOf(r), points: series[i].points }))} ink={ink} height={260} xInteger={axis === 'step'} legend />
      </ChartFrame>
    </div>
  );
}
