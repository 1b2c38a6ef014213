/**
 * @file The pretrained-model slice: the Hugging Face checkpoint the next run fine-tunes (downloaded
 * from the Hub or added as files), its download progress, whether it fits the device under the
 * form's settings, and the Hugging Face export of a finished run. The files stay in memory; the
 * Hub download is kept in the browser's Cache API by the model worker.
 */
import type { StateCreator } from 'zustand';
import type { RunConfig } from '../core/config/config';
import type { PretrainedFiles, PretrainedFitReport, PretrainedSummary } from '../worker/protocol';
import { downloadPretrained, exportHuggingFace, openPretrainedFiles, pretrainedFitFor, type LoadedPretrained } from '../worker/client';
import type { StudioState } from './index';

export const DEFAULT_HUB = 'https://huggingface.co';

export interface PretrainedProgress {
  file: string;
  loaded: number;
  total: number | null;
}

export interface PretrainedSlice {
  pretrained: { model: PretrainedFiles; summary: PretrainedSummary } | null;
  /** Set while a model downloads or is read. */
  pretrainedLoading: { what: 'download' | 'files'; progress: PretrainedProgress | null } | null;
  pretrainedError: string | null;
  /** Parameters and memory of fine-tuning the loaded model under the last config asked about. */
  pretrainedFit: PretrainedFitReport | null;
  /** The Hub's address; `?hub=` in the page's URL sets it (tests serve a Hub locally). */
  hubEndpoint: string;
  setHubEndpoint: (endpoint: string) => void;
  downloadPretrained: (modelId: string) => Promise<void>;
  addPretrainedFiles: (files: File[]) => Promise<void>;
  checkPretrainedFit: (config: RunConfig) => Promise<void>;
  /** What keeps `config` from starting, as far as its pretrained model goes; [] for other encoders. */
  pretrainedProblems: (config: RunConfig) => string[];
  /** The files a run with `config` takes along to its worker. */
  pretrainedFor: (config: RunConfig) => PretrainedFiles | undefined;
  /** A finished pretrained run as a Hugging Face model zip. */
  exportHuggingFace: (runId: string) => Promise<{ name: string; bytes: Uint8Array }>;
}

function hubFromUrl(): string {
  const hub = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('hub');
  return hub && /^https?:\/\//.test(hub) ? hub : DEFAULT_HUB;
}

export const createPretrainedSlice: StateCreator<StudioState, [], [], PretrainedSlice> = (set, get) => {
  const load = async (what: 'download' | 'files', loading: () => Promise<LoadedPretrained>) => {
    set({ pretrainedLoading: { what, progress: null }, pretrainedError: null });
    try {
      const { model, summary } = await loading();
      set({ pretrained: { model, summary }, pretrainedFit: null });
      get().setConfig({ baseModel: model.name });
    } catch (e) {
      set({ pretrainedError: (e as Error).message });
    } finally {
      set({ pretrainedLoading: null });
    }
  };

  return {
    pretrained: null,
    pretrainedLoading: null,
    pretrainedError: null,
    pretrainedFit: null,
    hubEndpoint: hubFromUrl(),
    setHubEndpoint: (hubEndpoint) => set({ hubEndpoint }),
    downloadPretrained: (modelId) =>
      load('download', () =>
        downloadPretrained(modelId.trim(), get().hubEndpoint, (progress) => set((s) => ({ pretrainedLoading: s.pretrainedLoading && { ...s.pretrainedLoading, progress } }))),
      ),
    addPretrainedFiles: (files) => load('files', () => openPretrainedFiles(files)),
    checkPretrainedFit: async (config) => {
      const loaded = get().pretrained;
      const modelConfig = loaded?.model.files['config.json'];
      if (!loaded || !modelConfig) return;
      const numLabels = Math.max(1, get().dataset?.vocab.labels.length ?? 9);
      try {
        const fit = await pretrainedFitFor(modelConfig, config, numLabels);
        if (get().pretrained === loaded) set({ pretrainedFit: fit });
      } catch (e) {
        set({ pretrainedError: (e as Error).message });
      }
    },
    pretrainedProblems: (config) => {
      if (config.encoder !== 'pretrained' || !config.baseModel) return []; // validateConfig names a missing baseModel
      const loaded = get().pretrained;
      if (!loaded || loaded.model.name !== config.baseModel) {
        const which = config.baseModel ? `'${config.baseModel}'` : 'a model';
        return [`baseModel: load ${which} first, under "Pretrained model": download it by id, or add its files`];
      }
      const fit = get().pretrainedFit;
      return fit?.problem ? [`baseModel: ${fit.problem}`] : [];
    },
    pretrainedFor: (config) => {
      const model = get().pretrained?.model;
      return config.encoder === 'pretrained' && model?.name === config.baseModel ? model : undefined;
    },
    exportHuggingFace: async (runId) => {
      const run = get().runs.find((r) => r.id === runId);
      if (!run?.checkpoint) throw new Error('This run has no checkpoint yet.');
      return { name: `${run.name}-hf.zip`, bytes: await exportHuggingFace(run.checkpoint, run.name) };
    },
  };
};
