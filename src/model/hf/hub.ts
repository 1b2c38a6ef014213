/**
 * @file Downloads a checkpoint from the Hugging Face Hub by model id, with progress, into a cache
 * (the browser's Cache API in the studio, memory in tests) so that a second load needs no network.
 * Fetches only what the studio reads, checks the architecture before the weights, and refuses a
 * PyTorch-only repository without downloading its weights.
 */
import { pickleRefusal, SAFETENSORS_INDEX } from './checkpoint';
import { parseEncoderConfig } from './config';
import type { FileCache } from './hubCache';

export interface HubProgress {
  file: string;
  loaded: number;
  /** From Content-Length; null when the server does not say. */
  total: number | null;
}

export interface HubOptions {
  endpoint?: string;
  revision?: string;
  fetch?: typeof globalThis.fetch;
  onProgress?: (progress: HubProgress) => void;
  cache?: FileCache;
  /** A Hugging Face access token, for gated or private models. */
  token?: string;
  signal?: AbortSignal;
}

/** Written last, so a download cut short is not mistaken for a complete one. */
const MANIFEST = '.ner-studio-files.json';
const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

class NotFound extends Error {}

export async function fetchHubModel(modelId: string, options: HubOptions = {}): Promise<Map<string, Uint8Array>> {
  if (!MODEL_ID.test(modelId) || modelId.includes('..')) throw new Error(`'${modelId}' is not a Hugging Face model id (like 'bert-base-cased' or 'dslim/bert-base-NER')`);
  const { endpoint = 'https://huggingface.co', revision = 'main', cache, onProgress, signal } = options;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = `${endpoint.replace(/\/+$/, '')}/${modelId}/resolve/${encodeURIComponent(revision)}`;
  const where = `'${modelId}' (revision ${revision}) at ${endpoint}`;

  const cached = cache ? await readCached(cache, base) : null;
  if (cached) return cached;

  const headers: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  const files = new Map<string, Uint8Array>();
  const request = async (file: string, method: 'GET' | 'HEAD' = 'GET'): Promise<Response> => {
    const response = await fetchFn(`${base}/${file}`, { method, headers, signal });
    if (response.status === 404) throw new NotFound(file);
    if (response.status === 401 || response.status === 403) {
      throw new Error(`The Hub refused ${file} of ${where} (HTTP ${response.status}): the model is gated or private; accept its terms on the Hub and give an access token`);
    }
    if (!response.ok) throw new Error(`Downloading ${file} of ${where} failed: HTTP ${response.status} ${response.statusText}`);
    return response;
  };
  const download = async (file: string): Promise<Uint8Array> => {
    const bytes = await readBody(await request(file), (loaded, total) => onProgress?.({ file, loaded, total }));
    files.set(file, bytes);
    if (cache) await cache.put(`${base}/${file}`, bytes);
    return bytes;
  };
  const optional = async (file: string): Promise<Uint8Array | null> => {
    try {
      return await download(file);
    } catch (e) {
      if (e instanceof NotFound) return null;
      throw e;
    }
  };

  const config = await optional('config.json');
  if (!config) throw new Error(`No model ${where}: config.json was not found (check the id and the revision)`);
  // Refuse an unknown architecture before downloading any weights.
  parseEncoderConfig(JSON.parse(new TextDecoder().decode(config)));
  if (!(await optional('tokenizer.json')) && !(await optional('vocab.txt'))) {
    throw new Error(`${where} has no tokenizer.json (nor vocab.txt): the studio needs the model's own tokenizer`);
  }
  await optional('tokenizer_config.json');
  if (!(await optional('model.safetensors'))) {
    const index = await optional(SAFETENSORS_INDEX);
    if (!index) throw new Error(await missingWeights(where, request));
    const weightMap = (JSON.parse(new TextDecoder().decode(index)).weight_map ?? {}) as Record<string, string>;
    for (const shard of new Set(Object.values(weightMap))) await download(shard);
  }
  if (cache) await cache.put(`${base}/${MANIFEST}`, new TextEncoder().encode(JSON.stringify([...files.keys()])));
  return files;
}

/** All files of an earlier complete download, or null. */
async function readCached(cache: FileCache, base: string): Promise<Map<string, Uint8Array> | null> {
  const manifest = await cache.get(`${base}/${MANIFEST}`);
  if (!manifest) return null;
  const files = new Map<string, Uint8Array>();
  for (const file of JSON.parse(new TextDecoder().decode(manifest)) as string[]) {
    const bytes = await cache.get(`${base}/${file}`);
    if (!bytes) return null; // evicted: download again
    files.set(file, bytes);
  }
  return files;
}

/** Says why there are no weights: a HEAD request tells a PyTorch-only repository without downloading it. */
async function missingWeights(where: string, request: (file: string, method: 'HEAD') => Promise<Response>): Promise<string> {
  for (const file of ['pytorch_model.bin', 'pytorch_model.bin.index.json']) {
    try {
      await request(file, 'HEAD');
      return `${where}: ${pickleRefusal(file)}`;
    } catch (e) {
      if (!(e instanceof NotFound)) throw e;
    }
  }
  return `${where} has no model.safetensors: the studio reads weights in the safetensors format only`;
}

async function readBody(response: Response, progress: (loaded: number, total: number | null) => void): Promise<Uint8Array> {
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    progress(bytes.length, total);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  progress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    progress(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
