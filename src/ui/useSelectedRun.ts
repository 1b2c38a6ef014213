/** @file The run the panels show: the selected one. */
import { useStudio } from '../store';
import type { RunRecord } from '../store/runs';

export function useSelectedRun(): RunRecord | undefined {
  return useStudio((s) => s.runs.find((r) => r.id === s.selectedRunId));
}
