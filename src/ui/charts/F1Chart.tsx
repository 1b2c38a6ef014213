/** @file Dev precision, recall and F1 per evaluation for the selected run: all in the run's colour, told apart by dashes. */
import { memo } from 'react';
import type { EvalPoint } from '../../worker/protocol';
import { useChartTheme, useRunColours } from '../theme/useChartTheme';
import { useSelectedRun } from '../useSelectedRun';
import { ChartFrame } from './ChartFrame';
import { SvgLineChart } from './SvgLineChart';

type Ink = ReturnType<typeof useChartTheme>;

const LINES = [
  { key: 'f1', name: 'F1', width: 2.5, dash: undefined },
  { key: 'precision', name: 'precision', width: 1.5, dash: '6 3' },
  { key: 'recall', name: 'recall', width: 1.5, dash: '1 3' },
] as const;

/** The chart itself, drawn again only when an evaluation arrives (not at every training step). */
const F1Lines = memo(function F1Lines({ data, colour, ink }: { data: EvalPoint[]; colour: string; ink: Ink }) {
  const series = data.length === 0 ? [] : LINES.map((l) => ({ id: l.key, name: l.name, colour, width: l.width, dash: l.dash, dots: true, points: data.map((e) => ({ x: e.step, y: e[l.key] })) }));
  return <SvgLineChart series={series} ink={ink} xInteger yDomain={[0, 1]} legend />;
});

const NONE: EvalPoint[] = [];

export function F1Chart() {
  const run = useSelectedRun();
  const ink = useChartTheme();
  const colourOf = useRunColours();
  const data = run?.evals ?? NONE;
  const last = data.at(-1);
  const summary =
    run && last
      ? `${run.name}: ${data.length} evaluations; last dev F1 ${last.f1.toFixed(3)} (precision ${last.precision.toFixed(3)}, recall ${last.recall.toFixed(3)}) after epoch ${last.epoch}.`
      : 'No dev evaluation yet.';
  return (
    <ChartFrame name="Dev F1 chart" summary={summary} points={data.length}>
      <F1Lines data={data} colour={run ? colourOf(run) : ink.axis} ink={ink} />
    </ChartFrame>
  );
}
