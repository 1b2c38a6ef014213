/** @file Live lines about the selected run: phase, epoch, step, throughput, backend, memory; resume and recovery notes. */
import { useState } from 'react';
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runs';
import { estimateSecondsLeft, isActive } from '../../store/runRecord';
import { useSelectedRun } from '../useSelectedRun';

export function describeRun(r: RunRecord): string {
  const parts = [
    `${r.name}: ${r.status}`,
    `epoch ${r.epoch}/${r.config.epochs}`,
    `step ${r.step}${r.stepsPerEpoch ? ` (${r.stepsPerEpoch}/epoch)` : ''}`,
    ...(r.steps.length ? [`${Math.round(r.steps[r.steps.length - 1].sentencesPerSec).toLocaleString('en-US')} sentences/s`] : []),
    `${Math.round(r.tokensPerSec).toLocaleString('en-US')} tokens/s`,
    `backend ${r.backend ?? 'choosing…'}`,
  ];
  if (r.bestDevF1 !== null) parts.push(`best dev F1 ${r.bestDevF1.toFixed(3)}`);
  if (r.test) parts.push(`test F1 ${r.test.f1.toFixed(3)} (P ${r.test.precision.toFixed(3)}, R ${r.test.recall.toFixed(3)})`);
  const left = isActive(r) ? estimateSecondsLeft(r) : null;
  if (left !== null) parts.push(`about ${formatDuration(left)} left`);
  return parts.join(' · ');
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function describeMemory(r: RunRecord): string | null {
  const last = r.steps.at(-1);
  if (last?.tensors === undefined || last.bytes === undefined) return null;
  const gpu = typeof last.gpuBytes === 'number' ? `, ${mb(last.gpuBytes)} on the GPU` : '';
  return `Memory: ${last.tensors} tensors, ${mb(last.bytes)}${gpu}`;
}

export function RunStatus() {
  const run = useSelectedRun();
  const hasData = useStudio((s) => s.dataset !== null);
  const resume = useStudio((s) => s.resume);
  const [problems, setProblems] = useState<string[]>([]);
  const memory = run ? describeMemory(run) : null;
  return (
    <div className="run-status">
      <p role="status" aria-label="Run status">
        {run ? describeRun(run) : hasData ? 'Ready to train.' : 'Idle: load a dataset to begin.'}
      </p>
      {memory && <p className="muted" aria-label="Memory">{memory}</p>}
      {run?.backendReason && (
        <p className="muted">
          Backend {run.backend}: {run.backendReason}
        </p>
      )}
      {run?.note && <p className="note">{run.note}</p>}
      {run?.status === 'interrupted' && (
        <p>
          {run.name} was interrupted{run.savedStep ? `; its state at step ${run.savedStep} is kept` : ' before any state was saved'}.{' '}
          <button type="button" disabled={!run.savedStep} onClick={() => void resume(run.id).then(setProblems)}>
            Resume
          </button>
        </p>
      )}
      {problems.length > 0 && (
        <p role="alert" className="error">
          {problems.join(' ')}
        </p>
      )}
      {run?.error && (
        <p role="alert" className="error">
          {run.name} failed: {run.error}
        </p>
      )}
    </div>
  );
}
