/** @file The selected run's CRF transition scores as a heatmap, read once per run from its checkpoint. */
import { useMemo } from 'react';
import { Heatmap } from '../components/Heatmap';
import { useSelectedRun } from '../useSelectedRun';
import { crfTransitions, transitionExtremes } from './crfTransitions';

const arrow = (t: { from: string; to: string; score: number }) => `${t.from} → ${t.to} (${t.score.toFixed(2)})`;

export function CrfView() {
  const run = useSelectedRun();
  const bytes = run?.checkpoint ?? null;
  // Unzipping the checkpoint is the slow part; the bytes of a run never change once written.
  const crf = useMemo(() => crfTransitions(bytes), [bytes]);
  if (!run) return <p className="muted">Select a run to see its model.</p>;
  if (!crf.ok) return <p className="muted">{crf.reason}</p>;
  const extremes = transitionExtremes(crf.labels, crf.matrix);
  const summary =
    `Score of label (row) followed by label (column) in ${run.name}: blue favours the pair, red penalises it. ` +
    (extremes ? `Most favoured ${arrow(extremes.highest)}; least ${arrow(extremes.lowest)}.` : '');
  return (
    <Heatmap
      name="CRF transitions heatmap"
      summary={summary}
      rowLabels={crf.labels}
      colLabels={crf.labels}
      values={crf.matrix}
      rowTitle="From"
      colTitle="To"
      diverging
    />
  );
}
