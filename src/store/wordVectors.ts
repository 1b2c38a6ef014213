/**
 * @file The word-vector slice: a GloVe / word2vec file the person drops in, parsed in the data worker and cut down
 * to the loaded vocabulary. Loading it sets the config's wordVectors and wordDim, so the next run starts from it.
 */
import type { StateCreator } from 'zustand';
import { loadWordVectors } from '../worker/client';
import type { MatchedVectors } from '../worker/protocol';
import type { StudioState } from './index';

export interface WordVectorsSlice {
  wordVectors: MatchedVectors | null;
  wordVectorsStatus: { busy: boolean; error: string | null };
  addWordVectors: (file: File) => Promise<void>;
  removeWordVectors: () => void;
  /** The vectors to send with a run of this config, if it names the loaded file. */
  wordVectorsFor: (config: { wordVectors: string; encoder: string }) => MatchedVectors | undefined;
}

export const createWordVectorsSlice: StateCreator<StudioState, [], [], WordVectorsSlice> = (set, get) => ({
  wordVectors: null,
  wordVectorsStatus: { busy: false, error: null },
  addWordVectors: async (file) => {
    const dataset = get().dataset;
    if (!dataset) {
      set({ wordVectorsStatus: { busy: false, error: 'Load a dataset first: word vectors are matched against its vocabulary.' } });
      return;
    }
    set({ wordVectorsStatus: { busy: true, error: null } });
    try {
      const vectors = await loadWordVectors(file, dataset.vocab.words);
      set({ wordVectors: vectors, wordVectorsStatus: { busy: false, error: null } });
      get().setConfig({ wordVectors: vectors.file, wordDim: vectors.dim });
    } catch (e) {
      // The vectors loaded before (if any) stay.
      set({ wordVectorsStatus: { busy: false, error: (e as Error).message } });
    }
  },
  removeWordVectors: () => {
    set({ wordVectors: null, wordVectorsStatus: { busy: false, error: null } });
    get().setConfig({ wordVectors: '' });
  },
  wordVectorsFor: (config) => {
    const wv = get().wordVectors;
    return wv && config.wordVectors === wv.file && config.encoder !== 'pretrained' ? wv : undefined;
  },
});
