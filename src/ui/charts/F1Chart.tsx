/** @file Dev precision, recall and F1 per evaluation for the selected run: all in the run's colour, told apart by dashes. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartTheme, useRunColours } from '../theme/useChartTheme';
import { useSelectedRun } from '../useSelectedRun';
import { ChartFrame } from './ChartFrame';

export function F1Chart() {
  const run = useSelectedRun();
  const theme = useChartTheme();
  const colourOf = useRunColours();
  const data = run?.evals ?? [];
  const last = data.at(-1);
  const summary =
    run && last
      ? `${run.name}: ${data.length} evaluations; last dev F1 ${last.f1.toFixed(3)} (precision ${last.precision.toFixed(3)}, recall ${last.recall.toFixed(3)}) after epoch ${last.epoch}.`
      : 'No dev evaluation yet.';
  const colour = run ? colourOf(run) : theme.axis;
  return (
    <ChartFrame name="Dev F1 chart" summary={summary} points={data.length}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} {...theme.axisProps} />
          <YAxis domain={[0, 1]} width={48} {...theme.axisProps} />
          <Tooltip contentStyle={theme.tooltipStyle} />
          <Legend />
          <Line dataKey="f1" name="F1" stroke={colour} strokeWidth={2} isAnimationActive={false} />
          <Line dataKey="precision" name="precision" stroke={colour} strokeDasharray="6 3" isAnimationActive={false} />
          <Line dataKey="recall" name="recall" stroke={colour} strokeDasharray="1 3" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
