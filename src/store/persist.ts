/**
 * @file Keeps runs in IndexedDB so they survive a page reload: config, metric points, status and the
 * checkpoint bytes. A tiny promise wrapper; no library needed for one object store.
 */
import type { RunRecord } from './runs';

const DB_NAME = 'ner-studio';
const STORE = 'runs';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB failed to open'));
  });
  return dbPromise;
}

function request<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = act(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      }),
  );
}

export const persistenceAvailable = () => typeof indexedDB !== 'undefined';

export function saveRun(run: RunRecord): Promise<void> {
  if (!persistenceAvailable()) return Promise.resolve();
  return request('readwrite', (s) => s.put(run)).then(() => undefined);
}

export function deleteRun(id: string): Promise<void> {
  if (!persistenceAvailable()) return Promise.resolve();
  return request('readwrite', (s) => s.delete(id)).then(() => undefined);
}

export async function loadRuns(): Promise<RunRecord[]> {
  if (!persistenceAvailable()) return [];
  const runs = await request<RunRecord[]>('readonly', (s) => s.getAll() as IDBRequest<RunRecord[]>);
  return runs.sort((a, b) => a.startedAt - b.startedAt);
}
