/** @file The view slice: how the workspace is laid out right now (the runs sidebar, a run being renamed). */
import type { StateCreator } from 'zustand';
import type { StudioState } from './index';

export interface ViewSlice {
  /** The person's choice for the runs sidebar; null follows the window's width. */
  sidebarChoice: boolean | null;
  setSidebarChoice: (open: boolean | null) => void;
  /** The run whose name is being edited in place, if any. */
  renamingRunId: string | null;
  setRenaming: (runId: string | null) => void;
}

export const createViewSlice: StateCreator<StudioState, [], [], ViewSlice> = (set) => ({
  sidebarChoice: null,
  setSidebarChoice: (open) => set({ sidebarChoice: open }),
  renamingRunId: null,
  setRenaming: (runId) => set({ renamingRunId: runId }),
});
