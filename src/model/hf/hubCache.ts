/**
 * @file Where downloaded checkpoint files are kept between visits: the browser's Cache API (open
 * in pages and workers alike, and made for large binary responses), or any other FileCache (tests keep one in memory: testing/fileCache.ts).
 */

/** Bytes by key (a file's Hub URL). */
export interface FileCache {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export const HUB_CACHE_NAME = 'ner-studio-hf-models';

/**
 * The Cache API under one named cache. `storage` defaults to the global `caches`, which exists in
 * secure contexts (https or localhost) only; null there is no cache to use.
 */
export function cacheStorageFileCache(name = HUB_CACHE_NAME, storage: CacheStorage | undefined = globalThis.caches): FileCache | null {
  if (!storage) return null;
  const open = () => storage.open(name);
  return {
    async get(key) {
      const response = await (await open()).match(key);
      return response ? new Uint8Array(await response.arrayBuffer()) : null;
    },
    async put(key, bytes) {
      const body = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      await (await open()).put(key, new Response(body, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) } }));
    },
  };
}
