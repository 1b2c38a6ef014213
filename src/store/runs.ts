/** @file The runs slice: starting, stopping and resuming runs, feeding worker messages to the reducer, keeping runs in IndexedDB. */
import type { StateCreator } from 'zustand';
import type { RunConfig } from '../core/config/config';
import { completeConfig, validateConfig } from '../core/config/config';
import { readCheckpointConfig, type CheckpointConfig } from '../core/checkpoint/checkpoint';
import type { SplitText } from '../core/dataset/prepared';
import type { TrainResponse, TrainState } from '../worker/protocol';
import { loadCsvLog, scoreTestSplit, startRun, type RunHandle } from '../worker/client';
import type { StudioState } from './index';
import { deleteRun, loadRuns, loadState, saveRun, saveState } from './persist';
import { applyRunMessage, isActive, newRun, runFromLog, similarityFromState, withTestScore, type DevAnalysis, type LabTag, type RunRecord } from './runRecord';
import { nextColourSlot, nextRunNumber, runNameProblem } from './runIdentity';
import { createStepBatcher } from './stepBatcher';

export { isActive, type DevAnalysis, type RunRecord, type RunStatus } from './runRecord';

export interface RunsSlice {
  runs: RunRecord[];
  selectedRunId: string | null;
  /** Starts a run on the loaded dataset; returns the problems that keep it from starting, if any. */
  train: (config: RunConfig, lab?: LabTag) => string[];
  /** Continues an interrupted run from its last saved state; returns what keeps it from resuming. */
  resume: (runId: string) => Promise<string[]>;
  stop: (runId: string) => void;
  pause: (runId: string, paused: boolean) => void;
  /** Destroys a running run's WebGPU device, to check that it recovers on wasm. */
  loseDevice: (runId: string) => void;
  selectRun: (runId: string) => void;
  /** Renames a run (charts, CSV and downloads use the name); returns why the name is refused, or null. */
  renameRun: (runId: string, name: string) => string | null;
  removeRun: (runId: string) => void;
  /** Lists a checkpoint file (the studio's download, or `ner train`'s) as a finished run; returns the problem, if any. */
  importCheckpoint: (file: File) => Promise<string | null>;
  /** Lists each run of a metrics CSV (trained elsewhere) as a finished run, for Compare; returns the problem, if any. */
  importCsvLog: (file: File) => Promise<string | null>;
  /** Runs ticked for the comparison charts and table. */
  compareIds: string[];
  toggleCompare: (runId: string) => void;
  /** Lists the runs kept from earlier visits. */
  restoreRuns: () => Promise<void>;
}

const handles = new Map<string, RunHandle>();
/** Each live run's dev and test sentences, captured at its start: the person may load another dataset meanwhile. */
const devTexts = new Map<string, SplitText>();
const testTexts = new Map<string, SplitText>();
/** Points saved between evaluations, so a crash loses little. */
const SAVE_EVERY_STEPS = 50;
/** Step points reach the store (and the charts) at most this often. */
const STEP_BATCH_MS = 250;

function devAnalysisFor(runId: string, pred: string[][] | null): DevAnalysis | null {
  const dev = devTexts.get(runId);
  if (!dev || !pred || pred.length !== dev.tokens.length) return null;
  return { tokens: dev.tokens, gold: dev.tags, pred };
}

const warn = (what: string) => (e: Error) => console.warn(`${what}: ${e.message}`);

export const createRunsSlice: StateCreator<StudioState, [], [], RunsSlice> = (set, get) => {
  const update = (id: string, next: (r: RunRecord) => RunRecord, persist: boolean) => {
    set((s) => ({ runs: s.runs.map((r) => (r.id === id ? next(r) : r)) }));
    const run = persist ? get().runs.find((r) => r.id === id) : undefined;
    if (run) saveRun(run).catch(warn(`Could not keep ${run.name}`));
  };

  type StepMessage = Extract<TrainResponse, { type: 'step' }>;
  const steps = createStepBatcher<StepMessage>((id, msgs) => {
    const persist = msgs.some((m) => m.step % SAVE_EVERY_STEPS === 0);
    update(id, (r) => msgs.reduce((run, m) => applyRunMessage(run, m), r), persist);
  }, STEP_BATCH_MS);

  const onMessage = (msg: TrainResponse) => {
    const id = msg.runId;
    if (msg.type === 'step') return steps.push(id, msg);
    steps.flush(id);
    if (msg.type === 'state') {
      const similarity = similarityFromState(msg.state);
      if (similarity) update(id, (r) => ({ ...r, similarity: [...(r.similarity ?? []).filter((s) => s.step < similarity.step), similarity] }), false);
      saveState(id, msg.state)
        .then(() => update(id, (r) => ({ ...r, savedStep: msg.state.step }), true))
        .catch(warn('Could not keep the training state'));
      return;
    }
    const ended = msg.type === 'done' || msg.type === 'error';
    const persist = ended || msg.type === 'eval' || msg.type === 'resumed';
    const devAnalysis = msg.type === 'done' ? devAnalysisFor(id, msg.devPredictions) : null;
    const test = testTexts.get(id);
    if (ended) {
      handles.delete(id);
      devTexts.delete(id);
      testTexts.delete(id);
    }
    update(id, (r) => applyRunMessage(r, msg, { devAnalysis }), persist);
    if (msg.type === 'done' && test && test.tokens.length > 0) scoreTest(id, test);
    if (!ended) return;
    const run = get().runs.find((r) => r.id === id);
    if (run) get().notifyRunEnded(run);
    // A queued loss-lab run starts once this one has ended.
    setTimeout(() => get().startNextQueued(), 0);
  };

  /** The finished run's best checkpoint on the test split, through the prediction worker (training never sees test). */
  const scoreTest = (id: string, test: SplitText) => {
    const checkpoint = get().runs.find((r) => r.id === id)?.checkpoint;
    if (!checkpoint) return;
    update(id, (r) => ({ ...r, note: 'Scoring the best checkpoint on the test split…' }), false);
    scoreTestSplit(id, checkpoint, test)
      .then((scores) => update(id, (r) => ({ ...withTestScore(r, scores, test.tokens.length, Date.now() / 1000), note: null }), true))
      .catch((e: Error) => update(id, (r) => ({ ...r, note: `Could not score the test split: ${e.message}` }), true));
  };

  const launch = (run: RunRecord, dev: SplitText, resumeFrom?: TrainState) => {
    const dataset = get().dataset!;
    const pretrained = get().pretrainedFor(run.config);
    const wordVectors = get().wordVectorsFor(run.config);
    devTexts.set(run.id, dev);
    testTexts.set(run.id, dataset.text.test);
    // The worker starts in a task of its own: copying the dataset to it should not add to the task that drew the
    // new run (the page must never block for long while training).
    setTimeout(() => {
      if (!get().runs.some((r) => r.id === run.id)) return; // deleted before it started
      handles.set(run.id, startRun(run.id, run.config, dataset, onMessage, resumeFrom, pretrained, wordVectors));
    }, 0);
  };
  const keepLater = (run: RunRecord) => setTimeout(() => saveRun(run).catch(warn(`Could not keep ${run.name}`)), 0);

  return {
    runs: [],
    selectedRunId: null,
    compareIds: [],
    toggleCompare: (runId) =>
      set((s) => ({ compareIds: s.compareIds.includes(runId) ? s.compareIds.filter((id) => id !== runId) : [...s.compareIds, runId] })),
    train: (config, lab) => {
      const { dataset, loading } = get();
      // Files being read replace the dataset on screen: a run now would silently train the one loaded before.
      if (loading) return [`Wait until the files are read (${loading.text}); the run would train the dataset loaded before them.`];
      const problems = [...validateConfig(config), ...get().pretrainedProblems(config)];
      if (!dataset) problems.unshift('Load a dataset first: drop CoNLL files or load the demo dataset.');
      if (problems.length > 0 || !dataset) return problems;
      const n = nextRunNumber(get().runs);
      const run: RunRecord = {
        ...newRun(`run-${n}-${Date.now().toString(36)}`, `run-${n}`, dataset.summary.name, dataset.train.count, config, dataset.vocab.labels),
        lab,
        colour: nextColourSlot(get().runs),
      };
      set((s) => ({ runs: [...s.runs, run], selectedRunId: run.id }));
      launch(run, dataset.text.dev);
      keepLater(run);
      return [];
    },
    resume: async (runId) => {
      const run = get().runs.find((r) => r.id === runId);
      const dataset = get().dataset;
      if (!run || run.status !== 'interrupted') return ['Only an interrupted run can be resumed.'];
      const state = await loadState(runId);
      if (!state) return [`${run.name} has no saved state to resume from; it was interrupted before its first evaluation.`];
      if (!dataset || dataset.summary.name !== run.dataset || dataset.train.count !== run.trainSize) {
        return [`Load the dataset ${run.name} trained on (${run.dataset}, ${run.trainSize} training sentences) to resume it.`];
      }
      update(runId, (r) => ({ ...r, status: 'starting', error: null }), true);
      set({ selectedRunId: runId });
      launch(run, dataset.text.dev, state);
      return [];
    },
    stop: (runId) => handles.get(runId)?.stop(),
    pause: (runId, paused) => handles.get(runId)?.pause(paused),
    loseDevice: (runId) => handles.get(runId)?.loseDevice(),
    selectRun: (runId) => set({ selectedRunId: runId }),
    renameRun: (runId, name) => {
      const problem = runNameProblem(name, runId, get().runs);
      if (!problem) update(runId, (r) => ({ ...r, name: name.trim() }), true);
      return problem;
    },
    importCheckpoint: async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let meta: CheckpointConfig;
      try {
        meta = readCheckpointConfig(bytes, file.name);
      } catch (e) {
        return (e as Error).message;
      }
      const n = nextRunNumber(get().runs);
      const base = newRun(`run-${n}-${Date.now().toString(36)}`, `run-${n}`, `imported ${file.name}`, 0, completeConfig(meta.config), meta.labels);
      const run: RunRecord = {
        ...base,
        colour: nextColourSlot(get().runs),
        status: 'finished',
        checkpoint: bytes,
        bestDevF1: meta.trained?.bestDevF1 ?? null,
        step: meta.trained?.steps ?? 0,
        epoch: meta.trained?.epochs ?? 0,
        backend: meta.trained?.backend ?? null,
        note: `Imported from ${file.name}${meta.trained?.createdAt ? `, trained ${meta.trained.createdAt}` : ''}.`,
      };
      set((s) => ({ runs: [...s.runs, run], selectedRunId: run.id }));
      saveRun(run).catch(warn(`Could not keep ${run.name}`));
      return null;
    },
    importCsvLog: async (file) => {
      let logged;
      try {
        logged = await loadCsvLog(file);
      } catch (e) {
        return (e as Error).message;
      }
      const n = nextRunNumber(get().runs);
      const added: RunRecord[] = [];
      for (const [i, l] of logged.entries()) {
        const run = runFromLog(`run-${n + i}-${Date.now().toString(36)}`, `run-${n + i}`, file.name, l);
        added.push({ ...run, colour: nextColourSlot([...get().runs, ...added]) });
      }
      set((s) => ({ runs: [...s.runs, ...added], selectedRunId: added.at(-1)!.id }));
      for (const run of added) saveRun(run).catch(warn(`Could not keep ${run.name}`));
      return null;
    },
    removeRun: (runId) => {
      handles.get(runId)?.stop();
      set((s) => ({
        runs: s.runs.filter((r) => r.id !== runId),
        selectedRunId: s.selectedRunId === runId ? null : s.selectedRunId,
        compareIds: s.compareIds.filter((id) => id !== runId),
      }));
      deleteRun(runId).catch(warn('Could not delete the run'));
    },
    restoreRuns: async () => {
      let kept: RunRecord[];
      try {
        kept = await loadRuns();
      } catch (e) {
        warn('Could not read kept runs')(e as Error);
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
