/**
 * @file The notices slice: what the studio tells the person when a run ends (finished, stopped, failed), shown in
 * the page and in the tab's title, so a run that ends in a background tab is noticed.
 */
import type { StateCreator } from 'zustand';
import type { StudioState } from './index';
import type { RunRecord } from './runRecord';

export interface Notice {
  id: number;
  runId: string;
  tone: 'success' | 'info' | 'error';
  text: string;
}

export interface NoticesSlice {
  /** Newest last; only the last few are kept. */
  notices: Notice[];
  notifyRunEnded: (run: RunRecord) => void;
  dismissNotice: (id: number) => void;
}

const KEEP = 3;

/** The words and tone for a run that has just ended; null while it has not. */
export function endNotice(run: Pick<RunRecord, 'name' | 'status' | 'step' | 'bestDevF1' | 'error'>): Omit<Notice, 'id' | 'runId'> | null {
  const f1 = run.bestDevF1 === null ? '' : `, best dev F1 ${run.bestDevF1.toFixed(3)}`;
  switch (run.status) {
    case 'finished':
      return { tone: 'success', text: `${run.name} finished${f1}` };
    case 'stopped':
      return { tone: 'info', text: `${run.name} stopped at step ${run.step}${f1}` };
    case 'failed':
      return { tone: 'error', text: `${run.name} failed: ${run.error ?? 'no reason given'}` };
    default:
      return null;
  }
}

export const createNoticesSlice: StateCreator<StudioState, [], [], NoticesSlice> = (set) => {
  let nextId = 1;
  return {
    notices: [],
    notifyRunEnded: (run) => {
      const notice = endNotice(run);
      if (notice) set((s) => ({ notices: [...s.notices, { ...notice, id: nextId++, runId: run.id }].slice(-KEEP) }));
    },
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
};
