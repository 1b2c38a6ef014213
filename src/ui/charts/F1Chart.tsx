/** @file Dev precision, recall and F1 per evaluation for the selected run. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useSelectedRun } from '../useSelectedRun';
import { ChartFrame } from './ChartFrame';

export function F1Chart() {
  const run = useSelectedRun();
  const data = run?.evals ?? [];
  const last = data.at(-1);
  const summary = last
    ? `${data.length} evaluations; last dev F1 ${last.f1.toFixed(3)} (precision ${last.precision.toFixed(3)}, recall ${last.recall.toFixed(3)}) after epoch ${last.epoch}.`
    : 'No dev evaluation yet.';
  return (
    <ChartFrame name="Dev F1 chart" summary={summary} points={data.length}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#d0d4dc" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} stroke="#3d4350" />
          <YAxis domain={[0, 1]} stroke="#3d4350" width={40} />
          <Tooltip />
          <Legend />
          <Line dataKey="f1" name="F1" stroke="#1a5fb4" isAnimationActive={false} />
          <Line dataKey="precision" name="precision" stroke="#c64600" strokeDasharray="4 2" isAnimationActive={false} />
          <Line dataKey="recall" name="recall" stroke="#26734d" strokeDasharray="1 2" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
