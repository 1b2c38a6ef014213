/**
 * @file What the studio knows about a run, and how each worker message changes it: a pure reducer,
 * so the live charts' bookkeeping is tested without a browser.
 */
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { totalSteps } from '../core/config/steps';
import type { LoggedRun } from '../core/metrics/metricRows';
import type { EvalPoint, RunPhase, StepPoint, TrainResponse, TrainState } from '../worker/protocol';
import { labelSimilarityMatrix } from '../core/losses/lossData';
import type { EntityScores } from '../core/types';

/** 'interrupted': the page closed while the run was going; what it had reached is kept. */
export type RunStatus = RunPhase | 'finished' | 'stopped' | 'failed' | 'interrupted';

export interface DevAnalysis {
  tokens: string[][];
  gold: string[][];
  pred: string[][];
}

/** A finished run's best checkpoint scored on the dataset's test split (the metrics CSV's test/* rows). */
export interface RunTestScore extends Omit<EntityScores, 'accuracy' | 'support'> {
  /** The step and epoch of the best checkpoint that was scored. */
  step: number;
  epoch: number;
  wallTime: number;
  sentences: number;
}

/** A run queued by the loss lab: which experiment, which loss, which seed. */
export interface LabTag {
  id: string;
  loss: string;
  seed: number;
}

export interface RunRecord {
  id: string;
  name: string;
  dataset: string;
  /** Training sentences, to check a resume is on the same data. */
  trainSize: number;
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
  /** The best checkpoint on test, once scored; absent without a test split (or before scoring ends). */
  test?: RunTestScore;
  /** Step of the last resumable state kept in IndexedDB, if any. */
  savedStep: number | null;
  lab?: LabTag;
  /** Label names in id order (absent in runs kept before this field existed). */
  labels?: string[];
  /** embedding_label_smoothing: the label-label cosine similarity [K*K] at each saved state. */
  similarity?: { step: number; matrix: number[] }[];
  /** Slot in the UI's run palette: the colour of its swatch and of its lines in every chart (runIdentity.ts). */
  colour?: number;
  /** Listed from a metrics CSV alone: curves only, so `config` holds defaults, not what the run trained with. */
  configUnknown?: boolean;
  /** The latest thing worth telling about the run (a resume, a backend switch). */
  note: string | null;
  error: string | null;
  startedAt: number;
}

const ENDED: RunStatus[] = ['finished', 'stopped', 'failed', 'interrupted'];
export const isActive = (r: RunRecord) => !ENDED.includes(r.status);

export function newRun(id: string, name: string, dataset: string, trainSize: number, config: RunConfig, labels: string[] = []): RunRecord {
  return {
    id,
    name,
    dataset,
    trainSize,
    labels,
    similarity: [],
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
    savedStep: null,
    note: null,
    error: null,
    startedAt: Date.now(),
  };
}

type Message<T extends TrainResponse['type']> = Extract<TrainResponse, { type: T }>;

/** The run after one message; `extra` carries what the message alone cannot know (dev analysis). */
export function applyRunMessage(r: RunRecord, msg: Exclude<TrainResponse, Message<'state'>>, extra: { devAnalysis?: DevAnalysis | null } = {}): RunRecord {
  switch (msg.type) {
    case 'backend':
      return { ...r, backend: msg.backend, backendReason: msg.reason };
    case 'phase':
      return { ...r, status: msg.phase, epoch: msg.epoch };
    case 'step': {
      const { type: _t, runId: _r, ...point } = msg;
      return { ...r, steps: [...r.steps, point], step: point.step, epoch: point.epoch, tokensPerSec: point.tokensPerSec, stepsPerEpoch: point.stepsPerEpoch };
    }
    case 'eval': {
      const { type: _t, runId: _r, ...point } = msg;
      return { ...r, evals: [...r.evals, point], bestDevF1: Math.max(r.bestDevF1 ?? 0, point.f1) };
    }
    case 'resumed': {
      // Points past the saved state were trained again; the new ones replace them.
      const evals = r.evals.filter((e) => e.step <= msg.fromStep);
      const best = evals.length ? Math.max(...evals.map((e) => e.f1)) : null;
      return { ...r, steps: r.steps.filter((p) => p.step <= msg.fromStep), evals, bestDevF1: best, step: msg.fromStep, note: msg.reason, error: null };
    }
    case 'done':
      return {
        ...r,
        status: msg.status,
        checkpoint: new Uint8Array(msg.checkpoint),
        bestDevF1: msg.bestDevF1,
        parameters: msg.parameters,
        devAnalysis: extra.devAnalysis ?? null,
      };
    case 'note':
      return { ...r, note: msg.text };
    case 'error':
      return { ...r, status: 'failed', error: msg.message };
    default:
      return msg satisfies never;
  }
}

/** The evaluation whose weights a finished run kept: the first to reach the best dev F1 (improvements are strict). */
export function bestEvaluation(r: RunRecord): EvalPoint | null {
  let best: EvalPoint | null = null;
  for (const e of r.evals) if (!best || e.f1 > best.f1) best = e;
  return best;
}

/** The run with its test score recorded, at its best checkpoint's step. */
export function withTestScore(r: RunRecord, scores: EntityScores, sentences: number, wallTime: number): RunRecord {
  const best = bestEvaluation(r);
  const at = best ?? { step: r.step, epoch: r.epoch };
  return { ...r, test: { step: at.step, epoch: at.epoch, wallTime, precision: scores.precision, recall: scores.recall, f1: scores.f1, perType: scores.perType, sentences } };
}

/** Steps the run will take: its epochs (or max steps, if fewer); null before the first step says how long an epoch is. */
export function plannedSteps(r: RunRecord): number | null {
  if (r.stepsPerEpoch === 0) return r.config.maxSteps > 0 ? r.config.maxSteps : null;
  return totalSteps(r.config, r.stepsPerEpoch);
}

/** Share of the planned steps done, 0–1: a finished run is done even when early stopping ended it sooner. */
export function progressOf(r: RunRecord): number | null {
  if (r.status === 'finished') return 1;
  const total = plannedSteps(r);
  return total ? Math.min(1, r.step / total) : null;
}

/** Seconds left, from the mean step time of the last 20 steps; null before there is a rate to go by. */
export function estimateSecondsLeft(r: RunRecord): number | null {
  const recent = r.steps.slice(-21);
  if (recent.length < 2 || r.stepsPerEpoch === 0) return null;
  const perStep = (recent[recent.length - 1].wallTime - recent[0].wallTime) / (recent.length - 1);
  return Math.max(0, (plannedSteps(r) ?? 0) - r.step) * perStep;
}

/** The learned label similarity in a saved state, when the run's loss has label embeddings. */
export function similarityFromState(state: TrainState): { step: number; matrix: number[] } | null {
  const w = state.weights.find((t) => t.name.endsWith('label_embeddings') && t.shape.length === 2);
  if (!w) return null;
  const [K, D] = w.shape;
  return { step: state.step, matrix: Array.from(labelSimilarityMatrix(w.data, K, D)) };
}

/**
 * A finished run from a metrics CSV (trained elsewhere: ner train, ner_studio_torch on a cluster), so Compare can
 * overlay it: its steps and evaluations, the best dev F1 logged, wall time measured from its first row.
 */
export function runFromLog(id: string, name: string, file: string, logged: LoggedRun): RunRecord {
  const last = logged.steps.at(-1) ?? logged.evals.at(-1)!;
  const first = [...logged.steps, ...logged.evals].reduce((t, p) => Math.min(t, p.wallTime), Infinity);
  const stepsPerEpoch = logged.steps.filter((p) => p.epoch === logged.steps[0]?.epoch).length;
  return {
    ...newRun(id, name, `${file}: ${logged.run}`, 0, DEFAULT_CONFIG, []),
    configUnknown: true,
    status: 'finished',
    steps: logged.steps.map((p) => ({ ...p, sentencesPerSec: 0, stepsPerEpoch })),
    evals: logged.evals.map((e) => ({ ...e, perType: Object.fromEntries(Object.entries(e.perType).map(([t, p]) => [t, { precision: NaN, recall: NaN, f1: p.f1, support: 0 }])) })),
    bestDevF1: logged.evals.length ? Math.max(...logged.evals.map((e) => e.f1)) : null,
    step: last.step,
    epoch: last.epoch,
    stepsPerEpoch,
    tokensPerSec: logged.steps.at(-1)?.tokensPerSec ?? 0,
    startedAt: first * 1000,
    note: `Imported from ${file} (run ${logged.run}): its curves only; a CSV log holds neither the config nor the weights (open its checkpoint.zip for those).`,
  };
}
