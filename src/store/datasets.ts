/** @file The dataset slice: the loaded, prepared dataset and what the parser said about the files. */
import type { StateCreator } from 'zustand';
import type { PreparedDataset } from '../core/prepared';
import type { Diagnostic } from '../core/types';
import { loadDemo, loadFiles, type LoadResult } from '../worker/client';
import type { StudioState } from './index';

export interface DatasetSlice {
  dataset: PreparedDataset | null;
  diagnostics: Diagnostic[];
  loading: string | null;
  addFiles: (files: File[]) => Promise<void>;
  loadDemoDataset: () => Promise<void>;
}

export const createDatasetSlice: StateCreator<StudioState, [], [], DatasetSlice> = (set) => {
  // A failed load reports its problems but keeps the dataset already loaded.
  const apply = (result: LoadResult) =>
    set((s) => ({ dataset: result.dataset ?? s.dataset, diagnostics: result.diagnostics, loading: null }));
  return {
    dataset: null,
    diagnostics: [],
    loading: null,
    addFiles: async (files) => {
      if (files.length === 0) return;
      set({ loading: `Reading ${files.map((f) => f.name).join(', ')}…` });
      apply(await loadFiles(files, 0.8, 13, (file, done, total) => set({ loading: `Read ${file} (${done}/${total}); parsing…` })));
    },
    loadDemoDataset: async () => {
      set({ loading: 'Loading the demo dataset…' });
      apply(await loadDemo());
    },
  };
};
