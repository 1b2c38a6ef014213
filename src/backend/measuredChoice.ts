/**
 * @file `auto` on a real GPU decides by measurement: a few training steps of the run's own model on webgpu and on
 * wasm, the faster wins, and the run status says what was measured ("webgpu 41 ms/step, wasm 390 ms/step: webgpu").
 * Timings are cached per adapter and model shape, so the next run of the same model starts at once. A software
 * adapter, a forced backend or no adapter skips the probe (planBackend in probe.ts). The timing itself and the
 * switching of tfjs backends come in as functions, so this file decides without tfjs and is tested with injected
 * timings.
 */
import type { BackendChoice } from '../core/config/config';
import { planBackend, type AdapterDescription, type BackendPlan } from './probe';

export type ProbedBackend = 'webgpu' | 'wasm';

/** Milliseconds per training step, per backend. */
export type StepTimings = Record<ProbedBackend, number>;

export interface TimingCache {
  get(key: string): Promise<StepTimings | null>;
  set(key: string, timings: StepTimings): Promise<void>;
}

export interface MeasureDeps {
  /** Switches tfjs to a backend (backend/activate.ts activateBackend). */
  activate: (name: BackendPlan['name']) => Promise<void>;
  /**
   * Times training steps of the run's model on the active backend: ms per step (train/backendTrial.ts). Absent: no
   * probe (a pretrained encoder, whose wasm step alone takes seconds), and a real GPU adapter means webgpu.
   */
  measure?: (name: ProbedBackend) => Promise<number>;
  /** What the model is (encoder, sizes, vocabulary, batch): half the cache key. */
  modelShape: string;
  cache?: TimingCache;
}

const ms = (t: number) => (Number.isFinite(t) ? `${t < 10 ? t.toFixed(1) : Math.round(t)} ms/step` : 'failed');

/** The faster backend and the words for it; a failed measurement (NaN, Infinity) loses. Ties go to webgpu. */
export function decideByTimings(t: StepTimings): { name: ProbedBackend; reason: string } {
  const gpu = Number.isFinite(t.webgpu) ? t.webgpu : Infinity;
  const cpu = Number.isFinite(t.wasm) ? t.wasm : Infinity;
  const name: ProbedBackend = gpu <= cpu ? 'webgpu' : 'wasm';
  return { name, reason: `webgpu ${ms(t.webgpu)}, wasm ${ms(t.wasm)}: ${name}` };
}

export function timingKey(adapter: AdapterDescription, modelShape: string): string {
  return `${adapter.vendor}|${adapter.architecture}|${adapter.description}|${modelShape}`;
}

/**
 * What the page can say before a run starts (the header's badge): planBackend's plan, except that `auto` on a real GPU
 * is decided when the run starts, by timing its model (or webgpu at once for a pretrained encoder).
 */
export function previewBackend(choice: BackendChoice, adapter: AdapterDescription | null): { name: string; reason: string } {
  let plan: BackendPlan;
  try {
    plan = planBackend(choice, adapter);
  } catch (e) {
    return { name: 'none', reason: (e as Error).message };
  }
  if (choice === 'auto' && plan.name === 'webgpu') return { name: 'webgpu or wasm', reason: `${plan.reason}: a run times both on its model and trains on the faster` };
  return { name: plan.name, reason: plan.reason };
}

/**
 * Plans the backend and leaves tfjs on it. For `auto` with a real GPU adapter: cached timings, or a measurement on
 * both backends (about 3 s), then the faster; otherwise planBackend's plan.
 */
export async function chooseBackend(choice: BackendChoice, adapter: AdapterDescription | null, deps: MeasureDeps): Promise<BackendPlan> {
  const plan = planBackend(choice, adapter);
  if (choice !== 'auto' || plan.name !== 'webgpu' || !adapter || !deps.measure) {
    await deps.activate(plan.name);
    return plan;
  }
  const key = timingKey(adapter, deps.modelShape);
  let timings = (await deps.cache?.get(key).catch(() => null)) ?? null;
  const cached = timings !== null;
  if (!timings) {
    timings = { webgpu: await timeOn('webgpu', deps), wasm: await timeOn('wasm', deps) };
    await deps.cache?.set(key, timings).catch(() => {});
  }
  const decision = decideByTimings(timings);
  await deps.activate(decision.name);
  return { name: decision.name, reason: `${decision.reason}${cached ? ' (measured before on this adapter)' : ''}`, adapter };
}

async function timeOn(name: ProbedBackend, deps: MeasureDeps): Promise<number> {
  try {
    await deps.activate(name);
    return await deps.measure!(name);
  } catch {
    return NaN; // a backend that cannot run the model loses the comparison
  }
}

/** Timings kept in IndexedDB (the worker's); null where there is none. */
export function indexedDbTimingCache(idb: IDBFactory | undefined = globalThis.indexedDB): TimingCache | undefined {
  if (!idb) return undefined;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open('ner-backend-timings', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('timings');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const run = async <T>(mode: IDBTransactionMode, f: (store: IDBObjectStore) => IDBRequest): Promise<T> => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const req = f(db.transaction('timings', mode).objectStore('timings'));
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  };
  return {
    get: async (key) => (await run<StepTimings | undefined>('readonly', (s) => s.get(key))) ?? null,
    set: async (key, timings) => void (await run('readwrite', (s) => s.put(timings, key))),
  };
}
