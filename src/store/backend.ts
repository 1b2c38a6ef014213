/**
 * @file The backend slice: the page's WebGPU adapter, asked for once, so the header can say which backend a run
 * would use and why before any run has started.
 */
import type { StateCreator } from 'zustand';
import { plannedBackend, probeAdapter, type AdapterDescription } from '../worker/client';
import type { BackendChoice } from '../core/config/config';
import type { StudioState } from './index';

export interface BackendSlice {
  /** undefined until asked; null where the browser offers no WebGPU adapter. */
  adapter: AdapterDescription | null | undefined;
  probeBackend: () => Promise<void>;
  /** The backend a run with this choice would get on this adapter, and why (the training worker's own rule). */
  planBackend: (choice: BackendChoice, adapter: AdapterDescription | null) => { name: string; reason: string };
}

export const createBackendSlice: StateCreator<StudioState, [], [], BackendSlice> = (set, get) => ({
  adapter: undefined,
  probeBackend: async () => {
    if (get().adapter !== undefined) return;
    set({ adapter: await probeAdapter() });
  },
  planBackend: (choice, adapter) => plannedBackend(choice, adapter),
});
