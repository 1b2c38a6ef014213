/** @file The runs slice: every run's config, live status and metric points, and its checkpoint once done. */
import type { StateCreator } from 'zustand';
import type { RunConfig } from '../core/config';
import type { SplitText } from '../core/prepared';
import { validateConfig } from '../core/config';
import type { EvalPoint, RunPhase, StepPoint, TrainResponse } from '../worker/protocol';
import { startRun, type RunHandle } from '../worker/client';
import type { StudioState } from './index';
import { deleteRun, loadRuns, saveRun } from './persist';

/** 'interrupted': the page closed while the run was going; what it had reached is kept. */
export type RunStatus = RunPhase | 'finished' | 'stopped' | 'failed' | 'interrupted';

export interface DevAnalysis {
  tokens: string[][];
  gold: string[][];
  pred: string[][];
}

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
  /** Dev sentences with gold and predicted tags from the final model, for error analysis. */
  devAnalysis: DevAnalysis | null;
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
  removeRun: (runId: string) => void;
  /** Runs ticked for the comparison charts and table. */
  compareIds: string[];
  toggleCompare: (runId: string) => void;
  /** Lists the runs kept from earlier visits. */
  restoreRuns: () => Promise<void>;
}

const handles = new Map<string, RunHandle>();

/** Each live run's dev sentences, captured at its start: the person may load another dataset meanwhile. */
const devTexts = new Map<string, SplitText>();

function devAnalysisFor(runId: string, pred: string[][] | null): DevAnalysis | null {
  const dev = devTexts.get(runId);
  devTexts.delete(runId);
  if (!dev || !pred || pred.length !== dev.tokens.length) return null;
  return { tokens: dev.tokens, gold: dev.tags, pred };
}

const ENDED: RunStatus[] = ['finished', 'stopped', 'failed', 'interrupted'];
export const isActive = (r: RunRecord) => !ENDED.includes(r.status);

/** Points saved between evaluations, so a crash loses little. */
const SAVE_EVERY_STEPS = 50;

export const createRunsSlice: StateCreator<StudioState, [], [], RunsSlice> = (set, get) => {
  const update = (id: string, patch: (r: RunRecord) => Partial<RunRecord>, persist = false) => {
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch(r) } : r)) }));
    const run = persist ? get().runs.find((r) => r.id === id) : undefined;
    if (run) saveRun(run).catch((e: Error) => console.warn(`Could not keep ${run.name} in IndexedDB: ${e.message}`));
  };

  const onMessage = (msg: TrainResponse) => {
    const id = msg.runId;
    switch (msg.type) {
      case 'backend':
        return update(id, () => ({ backend: msg.backend, backendReason: msg.reason }));
      case 'phase':
        return update(id, () => ({ status: msg.phase, epoch: msg.epoch }));
      case 'step': {
        const { type: _t, runId: _r, ...point } = msg;
        return update(
          id,
          (r) => ({ steps: [...r.steps, point], step: point.step, epoch: point.epoch, tokensPerSec: point.tokensPerSec, stepsPerEpoch: point.stepsPerEpoch }),
          point.step % SAVE_EVERY_STEPS === 0,
        );
      }
      case 'eval': {
        const { type: _t, runId: _r, ...point } = msg;
        return update(id, (r) => ({ evals: [...r.evals, point], bestDevF1: Math.max(r.bestDevF1 ?? 0, point.f1) }), true);
      }
      case 'done':
        handles.delete(id);
        return update(
          id,
          () => ({
            status: msg.status,
            checkpoint: new Uint8Array(msg.checkpoint),
            bestDevF1: msg.bestDevF1,
            parameters: msg.parameters,
            devAnalysis: devAnalysisFor(id, msg.devPredictions),
          }),
          true,
        );
      case 'error':
        handles.delete(id);
        devTexts.delete(id);
        return update(id, () => ({ status: 'failed', error: msg.message }), true);
      default:
        msg satisfies never;
    }
  };

  return {
    runs: [],
    selectedRunId: null,
    compareIds: [],
    toggleCompare: (runId) =>
      set((s) => ({ compareIds: s.compareIds.includes(runId) ? s.compareIds.filter((id) => id !== runId) : [...s.compareIds, runId] })),
    train: (config) => {
      const dataset = get().dataset;
      const problems = validateConfig(config);
      if (!dataset) problems.unshift('Load a dataset first: drop CoNLL files or load the demo dataset.');
      if (problems.length > 0 || !dataset) return problems;
      const n = Math.max(0, ...get().runs.map((r) => Number(r.name.replace(/^run-/, '')) || 0)) + 1;
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
        devAnalysis: null,
        error: null,
        startedAt: Date.now(),
      };
      set((s) => ({ runs: [...s.runs, run], selectedRunId: id }));
      devTexts.set(id, dataset.text.dev);
      handles.set(id, startRun(id, config, dataset, onMessage));
      void saveRun(run).catch(() => undefined);
      return [];
    },
    stop: (runId) => handles.get(runId)?.stop(),
    selectRun: (runId) => set({ selectedRunId: runId }),
    removeRun: (runId) => {
      handles.get(runId)?.stop();
      set((s) => ({
        runs: s.runs.filter((r) => r.id !== runId),
        selectedRunId: s.selectedRunId === runId ? null : s.selectedRunId,
        compareIds: s.compareIds.filter((id) => id !== runId),
      }));
      void deleteRun(runId).catch(() => undefined);
    },
    restoreRuns: async () => {
      let kept: RunRecord[];
      try {
        kept = await loadRuns();
      } catch (e) {
        console.warn(`Could not read kept runs: ${(e as Error).message}`);
        return;
      }
      const restored = kept.map((r) => (isActive(r) ? { ...r, status: 'interrupted' as const } : r));
      set((s) => {
        const live = new Set(s.runs.map((r) => r.id));
        const runs = [...restored.filter((r) => !live.has(r.id)), ...s.runs];
        return { runs, selectedRunId: s.selectedRunId ?? runs.at(-1)?.id ?? null };
      });
    },
  };
};
