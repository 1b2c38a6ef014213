/** @file Training loss per step for the selected run, drawn as points arrive, in the run's colour. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartTheme, useRunColours } from '../theme/useChartTheme';
import { useSelectedRun } from '../useSelectedRun';
import { ChartFrame } from './ChartFrame';

export function LossChart() {
  const run = useSelectedRun();
  const theme = useChartTheme();
  const colourOf = useRunColours();
  const data = run?.steps ?? [];
  const last = data.at(-1);
  const summary = run && last ? `${run.name}: ${data.length} steps; last loss ${last.loss.toFixed(4)} at step ${last.step}.` : 'No training steps yet.';
  return (
    <ChartFrame name="Training loss chart" summary={summary} points={data.length}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} {...theme.axisProps} />
          <YAxis width={56} tickFormatter={(v: number) => v.toFixed(2)} {...theme.axisProps} />
          <Tooltip contentStyle={theme.tooltipStyle} />
          {run && <Line type="monotone" dataKey="loss" stroke={colourOf(run)} dot={false} isAnimationActive={false} name={`${run.name} train loss`} />}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
