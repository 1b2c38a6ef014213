/** @file One line saying which run a view shows, with its colour: the views follow the run selected in the sidebar. */
import { useRunColours } from '../theme/useChartTheme';
import { useSelectedRun } from '../useSelectedRun';
import { RunSwatch } from './RunSwatch';

export function SelectedRunLine({ what }: { what: string }) {
  const run = useSelectedRun();
  const colourOf = useRunColours();
  return (
    <p className="selected-run-line panel-wide">
      {run ? (
        <>
          {what} <RunSwatch colour={colourOf(run)} /> <strong>{run.name}</strong>; select another run in the Runs list to switch.
        </>
      ) : (
        'No run selected: train one, or select one in the Runs list.'
      )}
    </p>
  );
}
