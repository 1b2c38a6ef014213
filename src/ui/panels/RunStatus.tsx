/** @file One live line about the selected run: phase, epoch, step, throughput and backend. */
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runs';
import { useSelectedRun } from '../useSelectedRun';

export function describeRun(r: RunRecord): string {
  const parts = [
    `${r.name}: ${r.status}`,
    `epoch ${r.epoch}/${r.config.epochs}`,
    `step ${r.step}${r.stepsPerEpoch ? ` (${r.stepsPerEpoch}/epoch)` : ''}`,
    `${Math.round(r.tokensPerSec).toLocaleString('en-US')} tokens/s`,
    `backend ${r.backend ?? 'choosing…'}`,
  ];
  if (r.bestDevF1 !== null) parts.push(`best dev F1 ${r.bestDevF1.toFixed(3)}`);
  return parts.join(' · ');
}

export function RunStatus() {
  const run = useSelectedRun();
  const hasData = useStudio((s) => s.dataset !== null);
  return (
    <div className="run-status">
      <p role="status" aria-label="Run status">
        {run ? describeRun(run) : hasData ? 'Ready to train.' : 'Idle: load a dataset to begin.'}
      </p>
      {run?.backendReason && <p className="muted">Backend {run.backend}: {run.backendReason}</p>}
      {run?.error && (
        <p role="alert" className="error">
          {run.name} failed: {run.error}
        </p>
      )}
    </div>
  );
}
