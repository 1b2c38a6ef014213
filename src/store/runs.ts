/** @file The runs slice: every run's config, live status and metric points, and its checkpoint once done. */
import type { StateCreator } from 'zustand';
import type { RunConfig } from '../core/config';
import { validateConfig } from '../core/config';
import type { EvalPoint, RunPhase, StepPoint, TrainResponse } from '../worker/protocol';
import { startRun, type RunHandle } from '../worker/client';
import type { StudioState } from './index';

export type RunStatus = RunPhase | 'finished' | 'stopped' | 'failed';

export interface RunRecord {
  id: string;
  name: string;
  dataset: string;
  config: RunConfig;
  status: RunStatus;
  backend: string | null;
  backendReason: string | null;
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  tokensPerSec: number;
  steps: StepPoint[];
  evals: EvalPoint[];
  bestDevF1: number | null;
  parameters: number | null;
  checkpoint: Uint8Array | null;
  error: string | null;
  startedAt: number;
}

export interface RunsSlice {
  runs: RunRecord[];
  selectedRunId: string | null;
  /** Starts a run on the loaded dataset; returns the problems that keep it from starting, if any. */
  train: (config: RunConfig) => string[];
  stop: (runId: string) => void;
  selectRun: (runId: string) => void;
}

const handles = new Map<string, RunHandle>();

export const isActive = (r: RunRecord) => r.status !== 'finished' && r.status !== 'stopped' && r.status !== 'failed';

export const createRunsSlice: StateCreator<StudioState, [], [], RunsSlice> = (set, get) => {
  const update = (id: string, patch: (r: RunRecord) => Partial<RunRecord>) =>
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch(r) } : r)) }));

  const onMessage = (msg: TrainResponse) => {
    const id = msg.runId;
    switch (msg.type) {
      case 'backend':
        return update(id, () => ({ backend: msg.backend, backendReason: msg.reason }));
      case 'phase':
        return update(id, () => ({ status: msg.phase, epoch: msg.epoch }));
      case 'step': {
        const { type: _t, runId: _r, ...point } = msg;
        return update(id, (r) => ({ steps: [...r.steps, point], step: point.step, epoch: point.epoch, tokensPerSec: point.tokensPerSec, stepsPerEpoch: point.stepsPerEpoch }));
      }
      case 'eval': {
        const { type: _t, runId: _r, ...point } = msg;
        return update(id, (r) => ({ evals: [...r.evals, point], bestDevF1: Math.max(r.bestDevF1 ?? 0, point.f1) }));
      }
      case 'done':
        handles.delete(id);
        return update(id, () => ({ status: msg.status, checkpoint: new Uint8Array(msg.checkpoint), bestDevF1: msg.bestDevF1, parameters: msg.parameters }));
      case 'error':
        handles.delete(id);
        return update(id, () => ({ status: 'failed', error: msg.message }));
      default:
        msg satisfies never;
    }
  };

  return {
    runs: [],
    selectedRunId: null,
    train: (config) => {
      const dataset = get().dataset;
      const problems = validateConfig(config);
      if (!dataset) problems.unshift('Load a dataset first: drop CoNLL files or load the demo dataset.');
      if (problems.length > 0 || !dataset) return problems;
      const n = get().runs.length + 1;
      const id = `run-${n}-${Date.now().toString(36)}`;
      const run: RunRecord = {
        id,
        name: `run-${n}`,
        dataset: dataset.summary.name,
        config,
        status: 'starting',
        backend: null,
        backendReason: null,
        epoch: 0,
        step: 0,
        stepsPerEpoch: 0,
        tokensPerSec: 0,
        steps: [],
        evals: [],
        bestDevF1: null,
        parameters: null,
        checkpoint: null,
        error: null,
        startedAt: Date.now(),
      };
      set((s) => ({ runs: [...s.runs, run], selectedRunId: id }));
      handles.set(id, startRun(id, config, dataset, onMessage));
      return [];
    },
    stop: (runId) => handles.get(runId)?.stop(),
    selectRun: (runId) => set({ selectedRunId: runId }),
  };
};
