/**
 * @file The PyTorch export slice: the form's current settings and the loaded dataset as a project that trains with
 * torchrun (train/torchExport.ts, the same files as `ner export-torch`), zipped in the export worker.
 */
import type { StateCreator } from 'zustand';
import { validateConfig } from '../core/config/config';
import { buildTorchProject } from '../worker/client';
import type { StudioState } from './index';

export interface TorchProjectSlice {
  /** While the zip is built, and what went wrong the last time. */
  torchProject: { busy: boolean; error: string | null };
  /** The zip of the current settings and dataset; null (with torchProject.error set) when it cannot be made. */
  buildTorchProject: () => Promise<{ name: string; bytes: Uint8Array } | null>;
}

export const createTorchProjectSlice: StateCreator<StudioState, [], [], TorchProjectSlice> = (set, get) => ({
  torchProject: { busy: false, error: null },
  buildTorchProject: async () => {
    const { config, dataset } = get();
    const problems = [...validateConfig(config), ...get().pretrainedProblems(config)];
    if (!dataset) problems.unshift('Load a dataset first: the project carries it, prepared.');
    if (problems.length > 0 || !dataset) {
      set({ torchProject: { busy: false, error: problems.join(' ') } });
      return null;
    }
    set({ torchProject: { busy: true, error: null } });
    try {
      const zip = await buildTorchProject(config, dataset, get().pretrainedFor(config), get().wordVectorsFor(config));
      set({ torchProject: { busy: false, error: null } });
      return zip;
    } catch (e) {
      set({ torchProject: { busy: false, error: (e as Error).message } });
      return null;
    }
  },
});
