/** @file The settings slice: the run configuration being edited in the form. */
import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import type { StudioState } from './index';

export interface SettingsSlice {
  config: RunConfig;
  setConfig: (patch: Partial<RunConfig>) => void;
}

export const createSettingsSlice: StateCreator<StudioState, [], [], SettingsSlice> = (set) => ({
  config: DEFAULT_CONFIG,
  setConfig: (patch) => set((s) => ({ config: { ...s.config, ...patch } })),
});
