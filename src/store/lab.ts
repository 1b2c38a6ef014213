/**
 * @file The loss lab: one run per chosen loss and seed, everything else identical (the seed fixes the
 * initialisation and the batch order; the split is the loaded dataset's), run one after another.
 */
import type { StateCreator } from 'zustand';
import type { LossChoice, RunConfig } from '../core/config/config';
import { validateConfig } from '../core/config/config';
import { lossDataFor } from '../core/losses/lossData';
import { lossDataProblems } from '../core/losses/lossRules';
import type { StudioState } from './index';
import { isActive, type LabTag } from './runRecord';

export interface LabSlice {
  labQueue: { config: RunConfig; lab: LabTag }[];
  /** Queues the lab's runs; returns, per skipped loss, why it cannot run with this config. */
  startLossLab: (losses: LossChoice[], seeds: number[]) => string[];
  startNextQueued: () => void;
  cancelLab: () => void;
}

export const createLabSlice: StateCreator<StudioState, [], [], LabSlice> = (set, get) => ({
  labQueue: [],
  startLossLab: (losses, seeds) => {
    const base = get().config;
    const dataset = get().dataset;
    if (!dataset) return ['Load a dataset first: drop CoNLL files or load the demo dataset.'];
    const id = `lab-${Date.now().toString(36)}`;
    const skipped: string[] = [];
    const queue: LabSlice['labQueue'] = [];
    for (const loss of losses) {
      // Each loss with its own defaults; the CRF stays as the form has it.
      const config = { ...base, loss, lossParams: {} };
      const problems = [...validateConfig(config), ...lossDataProblems(loss, config.lossParams, config.crf, lossDataFor(dataset.vocab))];
      if (problems.length > 0) {
        skipped.push(`${loss}: ${problems[0]}`);
        continue;
      }
      for (const seed of seeds) queue.push({ config: { ...config, seed }, lab: { id, loss, seed } });
    }
    set((s) => ({ labQueue: [...s.labQueue, ...queue] }));
    get().startNextQueued();
    return skipped;
  },
  startNextQueued: () => {
    // One run at a time; and none while files are read (the dataset slice calls again once they are).
    if (get().runs.some(isActive) || get().loading) return;
    const [next, ...rest] = get().labQueue;
    if (!next) return;
    set({ labQueue: rest });
    const problems = get().train(next.config, next.lab);
    if (problems.length > 0) get().startNextQueued();
  },
  cancelLab: () => set({ labQueue: [] }),
});

export interface LabLossSummary {
  loss: string;
  /** Runs of this loss in the lab, and how many have ended with a dev score. */
  runs: number;
  scored: number;
  meanF1: number | null;
  /** Sample standard deviation of best dev F1 across seeds; null with fewer than two. */
  stdF1: number | null;
  minF1: number | null;
  maxF1: number | null;
}

/** Mean and spread of best dev F1 per loss, over the lab's seeds. */
export function labSummary(runs: { lab?: LabTag; bestDevF1: number | null; status: string }[], labId: string): LabLossSummary[] {
  const byLoss = new Map<string, { runs: number; f1s: number[] }>();
  for (const r of runs) {
    if (r.lab?.id !== labId) continue;
    const entry = byLoss.get(r.lab.loss) ?? { runs: 0, f1s: [] };
    entry.runs++;
    if ((r.status === 'finished' || r.status === 'stopped') && r.bestDevF1 !== null) entry.f1s.push(r.bestDevF1);
    byLoss.set(r.lab.loss, entry);
  }
  return [...byLoss.entries()].map(([loss, { runs: n, f1s }]) => {
    const mean = f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null;
    const std = mean !== null && f1s.length > 1 ? Math.sqrt(f1s.reduce((a, f) => a + (f - mean) ** 2, 0) / (f1s.length - 1)) : null;
    return { loss, runs: n, scored: f1s.length, meanF1: mean, stdF1: std, minF1: f1s.length ? Math.min(...f1s) : null, maxF1: f1s.length ? Math.max(...f1s) : null };
  });
}
