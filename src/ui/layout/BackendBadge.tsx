/**
 * @file The header's word on the backend: the one the selected run trains on while it runs, otherwise the one the
 * form's choice would get on this browser's WebGPU adapter, with the reason.
 */
import { useStudio } from '../../store';
import { isActive } from '../../store/runRecord';

export function BackendBadge() {
  // Strings, not the run: a training step changes the run but not these.
  const liveName = useStudio((s) => {
    const run = s.runs.find((r) => r.id === s.selectedRunId);
    return run && isActive(run) ? run.backend : null;
  });
  const liveReason = useStudio((s) => s.runs.find((r) => r.id === s.selectedRunId)?.backendReason ?? '');
  const choice = useStudio((s) => s.config.backend);
  const adapter = useStudio((s) => s.adapter);
  const plannedBackend = useStudio((s) => s.planBackend);
  const live = liveName ? { name: liveName, reason: liveReason } : null;
  const shown = live ?? (adapter === undefined ? { name: '…', reason: 'asking the browser for its WebGPU adapter' } : plannedBackend(choice, adapter));
  return (
    <p className="badge backend-badge" title={shown.reason}>
      Backend <strong>{shown.name}</strong>
      <span className="badge-reason"> · {shown.reason}</span>
    </p>
  );
}
