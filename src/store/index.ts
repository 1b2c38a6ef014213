/** @file The studio's one zustand store, built from slices. */
import { create } from 'zustand';
import { createDatasetSlice, type DatasetSlice } from './datasets';
import { createRunsSlice, type RunsSlice } from './runs';
import { createSettingsSlice, type SettingsSlice } from './settings';
import { createPlaygroundSlice, type PlaygroundSlice } from './playground';
import { createLabSlice, type LabSlice } from './lab';
import { createWordVectorsSlice, type WordVectorsSlice } from './wordVectors';
import { createPretrainedSlice, type PretrainedSlice } from './pretrained';
import { createNoticesSlice, type NoticesSlice } from './notices';
import { createViewSlice, type ViewSlice } from './view';
import { createBackendSlice, type BackendSlice } from './backend';
import { createTorchProjectSlice, type TorchProjectSlice } from './torchProject';

export type StudioState = DatasetSlice & RunsSlice & SettingsSlice & PlaygroundSlice & LabSlice & WordVectorsSlice & PretrainedSlice & NoticesSlice & ViewSlice & BackendSlice & TorchProjectSlice;

export const useStudio = create<StudioState>()((...a) => ({
  ...createDatasetSlice(...a),
  ...createRunsSlice(...a),
  ...createSettingsSlice(...a),
  ...createPlaygroundSlice(...a),
  ...createLabSlice(...a),
  ...createWordVectorsSlice(...a),
  ...createPretrainedSlice(...a),
  ...createNoticesSlice(...a),
  ...createViewSlice(...a),
  ...createBackendSlice(...a),
  ...createTorchProjectSlice(...a),
}));
