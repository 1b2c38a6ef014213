/** @file A FileCache kept in memory, for the Hub download tests. */
import type { FileCache } from '../src/model/hf/hubCache';

export function memoryFileCache(): FileCache & { readonly entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    get: async (key) => entries.get(key) ?? null,
    put: async (key, bytes) => {
      entries.set(key, bytes);
    },
  };
}
