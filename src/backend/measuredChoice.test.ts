import { describe, expect, it } from 'vitest';
import { chooseBackend, decideByTimings, previewBackend, type StepTimings, type TimingCache } from './measuredChoice';
import type { AdapterDescription } from './probe';

const nvidia: AdapterDescription = { vendor: 'nvidia', architecture: 'ada', description: 'RTX 4070', isFallbackAdapter: false };
const swiftshader: AdapterDescription = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: false };

function memoryCache(): TimingCache & { entries: Map<string, StepTimings> } {
  const entries = new Map<string, StepTimings>();
  return { entries, get: async (k) => entries.get(k) ?? null, set: async (k, t) => void entries.set(k, t) };
}

/** Injected backend switching and timings; records what was activated and measured. */
function deps(timings: Partial<Record<'webgpu' | 'wasm', number | Error>>, cache?: TimingCache) {
  const log: string[] = [];
  let active = '';
  return {
    log,
    active: () => active,
    deps: {
      activate: async (name: string) => {
        active = name;
        log.push(`activate ${name}`);
      },
      measure: async (name: 'webgpu' | 'wasm') => {
        log.push(`measure ${name} on ${active}`);
        const t = timings[name];
        if (t instanceof Error) throw t;
        return t ?? NaN;
      },
      modelShape: 'bilstm/50/25',
      cache,
    },
  };
}

describe('decideByTimings', () => {
  it.each([
    { t: { webgpu: 41, wasm: 390 }, name: 'webgpu', reason: 'webgpu 41 ms/step, wasm 390 ms/step: webgpu' },
    { t: { webgpu: 800, wasm: 390.4 }, name: 'wasm', reason: 'webgpu 800 ms/step, wasm 390 ms/step: wasm' },
    { t: { webgpu: 2.25, wasm: 2.25 }, name: 'webgpu', reason: 'webgpu 2.3 ms/step, wasm 2.3 ms/step: webgpu' },
    { t: { webgpu: NaN, wasm: 390 }, name: 'wasm', reason: 'webgpu failed, wasm 390 ms/step: wasm' },
  ])('$t -> $name', ({ t, name, reason }) => {
    expect(decideByTimings(t)).toEqual({ name, reason });
  });
});

describe('chooseBackend', () => {
  it('auto on a real adapter times both backends, trains on the faster and says what it measured', async () => {
    const cache = memoryCache();
    const d = deps({ webgpu: 41, wasm: 390 }, cache);
    const plan = await chooseBackend('auto', nvidia, d.deps);
    expect(plan).toEqual({ name: 'webgpu', reason: 'webgpu 41 ms/step, wasm 390 ms/step: webgpu', adapter: nvidia });
    expect(d.log).toEqual(['activate webgpu', 'measure webgpu on webgpu', 'activate wasm', 'measure wasm on wasm', 'activate webgpu']);
    expect(d.active()).toBe('webgpu');
    expect([...cache.entries.values()]).toEqual([{ webgpu: 41, wasm: 390 }]);
  });

  it('picks wasm when wasm measures faster', async () => {
    const d = deps({ webgpu: 900, wasm: 390 });
    expect((await chooseBackend('auto', nvidia, d.deps)).name).toBe('wasm');
    expect(d.active()).toBe('wasm');
  });

  it('uses cached timings for the same adapter and model without measuring again', async () => {
    const cache = memoryCache();
    await chooseBackend('auto', nvidia, deps({ webgpu: 41, wasm: 390 }, cache).deps);
    const again = deps({ webgpu: 1, wasm: 1 }, cache);
    const plan = await chooseBackend('auto', nvidia, again.deps);
    expect(plan.reason).toBe('webgpu 41 ms/step, wasm 390 ms/step: webgpu (measured before on this adapter)');
    expect(again.log).toEqual(['activate webgpu']);
    const otherModel = deps({ webgpu: 50, wasm: 10 }, cache);
    expect((await chooseBackend('auto', nvidia, { ...otherModel.deps, modelShape: 'transformer/64' })).name).toBe('wasm');
  });

  it('a webgpu measurement that throws counts as failed, and wasm trains', async () => {
    const d = deps({ webgpu: new Error('device lost'), wasm: 390 });
    const plan = await chooseBackend('auto', nvidia, d.deps);
    expect(plan).toMatchObject({ name: 'wasm', reason: 'webgpu failed, wasm 390 ms/step: wasm' });
  });

  it.each([
    { choice: 'auto', adapter: swiftshader, name: 'wasm' },
    { choice: 'auto', adapter: null, name: 'wasm' },
    { choice: 'webgpu', adapter: nvidia, name: 'webgpu' },
    { choice: 'wasm', adapter: nvidia, name: 'wasm' },
  ] as const)('$choice with $adapter.architecture: $name without a probe', async ({ choice, adapter, name }) => {
    const d = deps({ webgpu: 1, wasm: 1 });
    expect((await chooseBackend(choice, adapter, d.deps)).name).toBe(name);
    expect(d.log).toEqual([`activate ${name}`]);
  });

  it('without a measure function a real adapter means webgpu', async () => {
    const d = deps({});
    const plan = await chooseBackend('auto', nvidia, { ...d.deps, measure: undefined });
    expect(plan.name).toBe('webgpu');
    expect(d.log).toEqual(['activate webgpu']);
  });
});

describe('previewBackend', () => {
  it.each([
    // choice, adapter -> the header's name
    ['auto', nvidia, 'webgpu or wasm'], // decided by timing when the run starts
    ['auto', swiftshader, 'wasm'],
    ['auto', null, 'wasm'],
    ['webgpu', nvidia, 'webgpu'],
    ['wasm', nvidia, 'wasm'],
    ['webgpu', null, 'none'],
  ] as const)('%s on %o: %s', (choice, adapter, name) => {
    expect(previewBackend(choice, adapter).name).toBe(name);
  });

  it('says why, in the words the run status uses', () => {
    expect(previewBackend('auto', nvidia).reason).toBe('GPU adapter nvidia ada: a run times both on its model and trains on the faster');
    expect(previewBackend('webgpu', null).reason).toMatch(/no WebGPU adapter; choose auto, wasm or cpu/);
  });
});
