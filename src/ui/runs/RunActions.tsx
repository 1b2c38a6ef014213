/** @file The selected run's actions (selectedRunActions.tsx), under a heading that names the run. */
import { useSelectedRun } from '../useSelectedRun';
import { RUN_ACTIONS } from './selectedRunActions';

export function RunActions() {
  const run = useSelectedRun();
  return (
    <section className="run-actions" aria-labelledby="run-actions-heading">
      <h3 id="run-actions-heading">{run ? `Selected: ${run.name}` : 'No run selected'}</h3>
      {run && (
        <div className="buttons">
          {RUN_ACTIONS.map((Action, i) => (
            <Action key={i} run={run} />
          ))}
        </div>
      )}
    </section>
  );
}
