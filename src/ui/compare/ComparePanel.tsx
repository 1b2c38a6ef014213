/** @file Runs ticked in the Runs table, compared: overlaid curves and a table. */
import { useStudio } from '../../store';
import { CompareChart } from './CompareChart';
import { CompareTable } from './CompareTable';

export function ComparePanel() {
  const runs = useStudio((s) => s.runs);
  const ids = useStudio((s) => s.compareIds);
  const compared = runs.filter((r) => ids.includes(r.id));
  if (compared.length === 0) return <p className="muted">Tick “Compare” on runs in the Runs table to overlay their curves.</p>;
  return (
    <div className="compare">
      <CompareChart runs={compared} />
      <CompareTable runs={compared} />
    </div>
  );
}
