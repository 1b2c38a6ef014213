/**
 * @file Keeps runs in IndexedDB so they survive a page reload: config, metric points, status and the
 * checkpoint bytes. A tiny promise wrapper; no library needed for one object store.
 */
import type { RunRecord } from './runs';
import type { TrainState } from '../worker/protocol';

const DB_NAME = 'ner-studio';
type StoreName = 'runs' | 'states';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('runs')) db.createObjectStore('runs', { keyPath: 'id' });
      // Resumable training states (weights and optimiser moments), keyed by run id.
      if (!db.objectStoreNames.contains('states')) db.createObjectStore('states');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB failed to open'));
  });
  return dbPromise;
}

function request<T>(store: StoreName, mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = act(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      }),
  );
}

export const persistenceAvailable = () => typeof indexedDB !== 'undefined';

export function saveRun(run: RunRecord): Promise<void> {
  if (!persistenceAvailable()) return Promise.resolve();
  return request('runs', 'readwrite', (s) => s.put(run)).then(() => undefined);
}

export function deleteRun(id: string): Promise<void> {
  if (!persistenceAvailable()) return Promise.resolve();
  return Promise.all([request('runs', 'readwrite', (s) => s.delete(id)), request('states', 'readwrite', (s) => s.delete(id))]).then(() => undefined);
}

export function saveState(id: string, state: TrainState): Promise<void> {
  if (!persistenceAvailable()) return Promise.resolve();
  return request('states', 'readwrite', (s) => s.put(state, id)).then(() => undefined);
}

export function loadState(id: string): Promise<TrainState | undefined> {
  if (!persistenceAvailable()) return Promise.resolve(undefined);
  return request<TrainState | undefined>('states', 'readonly', (s) => s.get(id));
}

export async function loadRuns(): Promise<RunRecord[]> {
  if (!persistenceAvailable()) return [];
  const runs = await request<RunRecord[]>('runs', 'readonly', (s) => s.getAll() as IDBRequest<RunRecord[]>);
  return runs.sort((a, b) => a.startedAt - b.startedAt);
}
