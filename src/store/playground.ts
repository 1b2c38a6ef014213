/** @file The playground slice: a sentence typed by the person, tagged by the selected run's checkpoint. */
import type { StateCreator } from 'zustand';
import { predictSentence } from '../worker/client';
import type { TextPrediction } from '../worker/protocol';
import type { StudioState } from './index';

export interface PlaygroundSlice {
  playground: { text: string; runId: string | null; prediction: TextPrediction | null; error: string | null; busy: boolean };
  tryText: (text: string) => Promise<void>;
}

export const createPlaygroundSlice: StateCreator<StudioState, [], [], PlaygroundSlice> = (set, get) => ({
  playground: { text: '', runId: null, prediction: null, error: null, busy: false },
  tryText: async (text) => {
    const run = get().runs.find((r) => r.id === get().selectedRunId);
    if (!run?.checkpoint) {
      set({ playground: { text, runId: null, prediction: null, error: 'Select a run that has finished training (or was stopped) to try its model.', busy: false } });
      return;
    }
    set((s) => ({ playground: { ...s.playground, text, busy: true, error: null } }));
    try {
      const prediction = await predictSentence(run.id, run.checkpoint, text);
      // A slower answer for older text must not overwrite a newer one.
      if (get().playground.text === text) set({ playground: { text, runId: run.id, prediction, error: null, busy: false } });
    } catch (e) {
      if (get().playground.text === text) set({ playground: { text, runId: run.id, prediction: null, error: (e as Error).message, busy: false } });
    }
  },
});
