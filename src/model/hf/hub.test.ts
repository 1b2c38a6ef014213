import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readHfCheckpoint } from './checkpoint';
import { tinyCheckpointFiles } from '../../../testing/hfFixtures';
import { fetchHubModel, type HubProgress } from './hub';
import { cacheStorageFileCache } from './hubCache';
import { memoryFileCache } from '../../../testing/fileCache';

/**
 * A stand-in for the Hub on localhost: /{owner}/{name}/resolve/{revision}/{file}; large files
 * redirect to a CDN path as the real Hub does. Repositories:
 *   test/tiny-bert       the fixture as is
 *   test/pytorch-only    config and tokenizer, but pytorch_model.bin instead of model.safetensors
 *   test/gpt             a config.json of an architecture the studio does not fine-tune
 *   test/gated           401 on everything
 */
const tiny = tinyCheckpointFiles('tiny-bert');
const repos: Record<string, Map<string, Uint8Array>> = {
  'test/tiny-bert': tiny,
  'test/pytorch-only': new Map([...[...tiny].filter(([n]) => n !== 'model.safetensors'), ['pytorch_model.bin', new Uint8Array(1 << 20)]]),
  'test/gpt': new Map([['config.json', new TextEncoder().encode('{"model_type":"gpt2","architectures":["GPT2LMHeadModel"]}')], ['model.safetensors', tiny.get('model.safetensors')!]]),
};
const requests: string[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const cdn = /^\/cdn\/(.+)$/.exec(req.url ?? '');
    const m = cdn ? /^(.+)\/main\/([^/]+)$/.exec(cdn[1]) : /^\/(.+)\/resolve\/main\/([^/]+)$/.exec(req.url ?? '');
    if (m?.[1] === 'test/gated') return void res.writeHead(401).end();
    const bytes = m ? repos[m[1]]?.get(m[2]) : undefined;
    if (!bytes) return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('Entry not found');
    if (!cdn && m![2].endsWith('.safetensors')) return void res.writeHead(302, { location: `/cdn/${m![1]}/main/${m![2]}` }).end();
    res.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchHubModel against a local Hub', () => {
  test('downloads the files with progress, and a second load from the cache makes no request', async () => {
    const cache = memoryFileCache();
    const progress: HubProgress[] = [];
    requests.length = 0;
    const files = await fetchHubModel('test/tiny-bert', { endpoint, cache, onProgress: (p) => progress.push(p) });
    expect([...files.keys()].sort()).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
    for (const [name, bytes] of files) expect(bytes).toEqual(tiny.get(name));
    expect(requests).toContain('GET /cdn/test/tiny-bert/main/model.safetensors');
    const weights = progress.filter((p) => p.file === 'model.safetensors');
    expect(weights.at(-1)).toEqual({ file: 'model.safetensors', loaded: tiny.get('model.safetensors')!.length, total: tiny.get('model.safetensors')!.length });
    expect(weights[0].loaded).toBe(0);

    requests.length = 0;
    const again = await fetchHubModel('test/tiny-bert', { endpoint, cache, fetch: () => Promise.reject(new Error('offline')) });
    expect(requests).toEqual([]);
    expect(again).toEqual(files);
    expect(readHfCheckpoint(again).spec.family).toBe('bert');
  });

  test('a download cut short is not taken for a complete one', async () => {
    const cache = memoryFileCache();
    let calls = 0;
    const flaky: typeof fetch = (url, init) => (++calls === 3 ? Promise.reject(new Error('connection reset')) : fetch(url, init));
    await expect(fetchHubModel('test/tiny-bert', { endpoint, cache, fetch: flaky })).rejects.toThrow(/connection reset/);
    requests.length = 0;
    await fetchHubModel('test/tiny-bert', { endpoint, cache });
    expect(requests.length).toBeGreaterThan(0);
  });

  test('a PyTorch-only repository is refused after a HEAD request, without downloading the .bin', async () => {
    requests.length = 0;
    await expect(fetchHubModel('test/pytorch-only', { endpoint })).rejects.toThrow(
      /'test\/pytorch-only'.*only pytorch_model\.bin, PyTorch's pickle format.*safe_serialization=True/,
    );
    expect(requests.filter((r) => r.includes('pytorch_model.bin'))).toEqual(['HEAD /test/pytorch-only/resolve/main/pytorch_model.bin']);
  });

  test('an unknown architecture is refused by name before the weights are fetched', async () => {
    requests.length = 0;
    await expect(fetchHubModel('test/gpt', { endpoint })).rejects.toThrow(/'gpt2' \(GPT2LMHeadModel\) is not supported/);
    expect(requests.some((r) => r.includes('safetensors'))).toBe(false);
  });

  test.each([
    { id: 'test/nothing-here', error: /No model 'test\/nothing-here' \(revision main\).*config\.json was not found/ },
    { id: 'test/gated', error: /HTTP 401.*gated or private/ },
    { id: '../etc/passwd', error: /not a Hugging Face model id/ },
  ])('$id is refused with a clear message', async ({ id, error }) => {
    await expect(fetchHubModel(id, { endpoint })).rejects.toThrow(error);
  });

  test('the token is sent as a bearer header', async () => {
    const seen: (string | null)[] = [];
    const spy: typeof fetch = (url, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return fetch(url, init);
    };
    await fetchHubModel('test/tiny-bert', { endpoint, fetch: spy, token: 'hf_abc' });
    expect(new Set(seen)).toEqual(new Set(['Bearer hf_abc']));
  });
});

describe('cacheStorageFileCache', () => {
  test('keeps bytes in a named cache of the Cache API', async () => {
    const stores = new Map<string, Map<string, Response>>();
    const fake = {
      open: async (name: string) => {
        const store = stores.get(name) ?? new Map<string, Response>();
        stores.set(name, store);
        return {
          match: async (key: string) => store.get(key)?.clone(),
          put: async (key: string, response: Response) => void store.set(key, response),
        };
      },
    } as unknown as CacheStorage;
    const cache = cacheStorageFileCache('models', fake)!;
    expect(await cache.get('https://hub/x')).toBeNull();
    await cache.put('https://hub/x', Uint8Array.from([1, 2, 3]));
    expect(await cache.get('https://hub/x')).toEqual(Uint8Array.from([1, 2, 3]));
    expect([...stores.keys()]).toEqual(['models']);
    expect(cacheStorageFileCache('models', undefined)).toBeNull();
  });
});
