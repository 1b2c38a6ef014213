/** @file Training loss per step for the selected run, drawn as points arrive. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSelectedRun } from '../useSelectedRun';
import { ChartFrame } from './ChartFrame';

export function LossChart() {
  const run = useSelectedRun();
  const data = run?.steps ?? [];
  const last = data.at(-1);
  const summary = last ? `${data.length} steps; last loss ${last.loss.toFixed(4)} at step ${last.step}.` : 'No training steps yet.';
  return (
    <ChartFrame name="Training loss chart" summary={summary} points={data.length}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#d0d4dc" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} stroke="#3d4350" />
          <YAxis stroke="#3d4350" width={56} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip />
          <Line type="monotone" dataKey="loss" stroke="#1a5fb4" dot={false} isAnimationActive={false} name="train loss" />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
