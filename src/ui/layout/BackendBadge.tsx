/**
 * @file The header's word on the backend: the one the selected run trains on while it runs, otherwise the one the
 * form's choice would get on this browser's WebGPU adapter, with the reason.
 */
import { useStudio } from '../../store';
import { isActive } from '../../store/runRecord';
import { plannedBackend } from '../../worker/client';
import { useSelectedRun } from '../useSelectedRun';

export function BackendBadge() {
  const run = useSelectedRun();
  const choice = useStudio((s) => s.config.backend);
  const adapter = useStudio((s) => s.adapter);
  const live = run && isActive(run) && run.backend ? { name: run.backend, reason: run.backendReason ?? '' } : null;
  const shown = live ?? (adapter === undefined ? { name: '…', reason: 'asking the browser for its WebGPU adapter' } : plannedBackend(choice, adapter));
  return (
    <p className="badge backend-badge" title={shown.reason}>
      Backend <strong>{shown.name}</strong>
      <span className="badge-reason"> · {shown.reason}</span>
    </p>
  );
}
