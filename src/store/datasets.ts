/** @file The dataset slice: the loaded, prepared dataset and what the parser said about the files. */
import type { StateCreator } from 'zustand';
import type { PreparedDataset } from '../core/dataset/prepared';
import type { Diagnostic } from '../core/types';
import { loadDemo, loadFiles, type LoadProgress, type LoadResult } from '../worker/client';
import type { StudioState } from './index';

export interface DatasetSlice {
  dataset: PreparedDataset | null;
  diagnostics: Diagnostic[];
  loading: string | null;
  addFiles: (files: File[]) => Promise<void>;
  loadDemoDataset: () => Promise<void>;
}

const size = (bytes: number) => (bytes >= 1e6 ? `${Math.round(bytes / 1e6)} MB` : `${Math.round(bytes / 1e3)} kB`);

/** What the page says while files load: "Reading big.conll: 45% (45 MB of 100 MB)", then "…; preparing…". */
export function loadingText(...[file, done, total, bytes]: Parameters<LoadProgress>): string {
  if (bytes && bytes.read < bytes.total) {
    return `Reading ${file}: ${Math.floor((100 * bytes.read) / bytes.total)}% (${size(bytes.read)} of ${size(bytes.total)})`;
  }
  return `Read ${file} (${done}/${total}); ${done < total ? 'reading the next…' : 'preparing…'}`;
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
      apply(await loadFiles(files, 0.8, 13, (...progress) => set({ loading: loadingText(...progress) })));
    },
    loadDemoDataset: async () => {
      set({ loading: 'Loading the demo dataset…' });
      apply(await loadDemo());
    },
  };
};
