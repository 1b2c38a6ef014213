/** @file The selected run's share of steps done, as a progress bar with the steps in words beside it. */
import { plannedSteps, progressOf, type RunRecord } from '../../store/runRecord';
import { ProgressBar } from '../components/ProgressBar';
import { useSelectedRun } from '../useSelectedRun';

export function progressText(run: RunRecord): string {
  const total = plannedSteps(run);
  const done = progressOf(run);
  if (total === null || done === null) return `step ${run.step}; steps per epoch not known yet`;
  if (run.status === 'finished' && run.step < total) return `step ${run.step} of ${total}: finished early (100%)`;
  return `step ${run.step} of ${total} (${Math.round(done * 100)}%)`;
}

export function TrainingProgress() {
  const run = useSelectedRun();
  if (!run) return null;
  const text = progressText(run);
  return (
    <div className="training-progress">
      <ProgressBar label="Training progress" fraction={progressOf(run)} text={text} />
      <span className="muted">{text}</span>
    </div>
  );
}
