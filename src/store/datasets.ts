/**
 * @file The dataset slice: the loaded, prepared dataset, what the parser said about the files, and how far a load
 * has got. Only the latest load lands: a run must train the dataset the person sees.
 */
import type { StateCreator } from 'zustand';
import type { PreparedDataset } from '../core/dataset/prepared';
import type { Diagnostic } from '../core/types';
import { loadDemo, loadFiles, type LoadProgress, type LoadResult } from '../worker/client';
import type { StudioState } from './index';

/** A load in progress: the words shown ("Reading train.conll… 45% (…)") and the share of the file read, when known. */
export interface DatasetLoading {
  text: string;
  /** 0–1 of the file being read; null while preparing, or where the worker does not count bytes. */
  fraction: number | null;
}

export interface DatasetSlice {
  dataset: PreparedDataset | null;
  diagnostics: Diagnostic[];
  /** Set from the moment files are chosen until the last of them is prepared; Train waits for it. */
  loading: DatasetLoading | null;
  addFiles: (files: File[]) => Promise<void>;
  loadDemoDataset: () => Promise<void>;
}

const size = (bytes: number) => (bytes >= 1e6 ? `${Math.round(bytes / 1e6)} MB` : `${Math.round(bytes / 1e3)} kB`);

/** What the page says while files load: "Reading big.conll… 45% (45 MB of 100 MB)", then "…; preparing…". */
export function loadingText(...[file, done, total, bytes]: Parameters<LoadProgress>): string {
  if (bytes && bytes.read < bytes.total) {
    return `Reading ${file}… ${Math.floor((100 * bytes.read) / bytes.total)}% (${size(bytes.read)} of ${size(bytes.total)})`;
  }
  return `Read ${file} (${done}/${total}); ${done < total ? 'reading the next…' : 'preparing…'}`;
}

/** The share of the current file read, for the progress bar; null once it is read (preparing has no measure). */
export function loadingFraction(...[, , , bytes]: Parameters<LoadProgress>): number | null {
  return bytes && bytes.read < bytes.total && bytes.total > 0 ? bytes.read / bytes.total : null;
}

export const createDatasetSlice: StateCreator<StudioState, [], [], DatasetSlice> = (set, get) => {
  // Each load gets a number; a slower, older load that ends after a newer one changes nothing.
  let latest = 0;
  const begin = (text: string) => {
    set({ loading: { text, fraction: 0 } });
    return ++latest;
  };
  // A failed load reports its problems but keeps the dataset already loaded.
  const apply = (load: number, result: LoadResult) => {
    if (load !== latest) return;
    set((s) => ({ dataset: result.dataset ?? s.dataset, diagnostics: result.diagnostics, loading: null }));
    // A loss-lab run held back while the files were read can start now.
    get().startNextQueued();
  };
  return {
    dataset: null,
    diagnostics: [],
    loading: null,
    addFiles: async (files) => {
      if (files.length === 0) return;
      const load = begin(`Reading ${files.map((f) => f.name).join(', ')}…`);
      const result = await loadFiles(files, 0.8, 13, (...progress) => {
        if (load === latest) set({ loading: { text: loadingText(...progress), fraction: loadingFraction(...progress) } });
      });
      apply(load, result);
    },
    loadDemoDataset: async () => {
      const load = begin('Loading the demo dataset…');
      apply(load, await loadDemo());
    },
  };
};
