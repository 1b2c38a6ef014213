/** @file Training loss per step for the selected run, drawn as points arrive, in the run's colour. */
import { memo } from 'react';
import type { StepPoint } from '../../worker/protocol';
import { useChartTheme, useRunColours } from '../theme/useChartTheme';
import { useSelectedRun } from '../useSelectedRun';
import { ChartFrame } from './ChartFrame';
import { SvgLineChart } from './SvgLineChart';

type Ink = ReturnType<typeof useChartTheme>;

/** The chart itself, drawn again only when its points, colour or name change. */
const LossLines = memo(function LossLines({ data, colour, name, ink }: { data: StepPoint[]; colour: string; name: string | null; ink: Ink }) {
  const series = name === null ? [] : [{ id: 'loss', name: `${name} train loss`, colour, points: data.map((p) => ({ x: p.step, y: p.loss })) }];
  return <SvgLineChart series={series} ink={ink} xInteger />;
});

const NONE: StepPoint[] = [];

export function LossChart() {
  const run = useSelectedRun();
  const ink = useChartTheme();
  const colourOf = useRunColours();
  const data = run?.steps ?? NONE;
  const last = data.at(-1);
  const summary = run && last ? `${run.name}: ${data.length} steps; last loss ${last.loss.toFixed(4)} at step ${last.step}.` : 'No training steps yet.';
  return (
    <ChartFrame name="Training loss chart" summary={summary} points={data.length}>
      <LossLines data={data} colour={run ? colourOf(run) : ink.axis} name={run?.name ?? null} ink={ink} />
    </ChartFrame>
  );
}
