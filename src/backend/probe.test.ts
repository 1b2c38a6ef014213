import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter, planBackend, type AdapterDescription } from './probe';

const swiftshader: AdapterDescription = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: false };
const nvidia: AdapterDescription = { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA RTX 3060', isFallbackAdapter: false };
const fallback: AdapterDescription = { vendor: 'x', architecture: 'y', description: '', isFallbackAdapter: true };

describe('planBackend', () => {
  it.each([
    { choice: 'auto', adapter: nvidia, expected: 'webgpu' },
    { choice: 'auto', adapter: swiftshader, expected: 'wasm' },
    { choice: 'auto', adapter: fallback, expected: 'wasm' },
    { choice: 'auto', adapter: null, expected: 'wasm' },
    { choice: 'webgpu', adapter: swiftshader, expected: 'webgpu' },
    { choice: 'wasm', adapter: nvidia, expected: 'wasm' },
    { choice: 'cpu', adapter: nvidia, expected: 'cpu' },
  ] as const)('$choice with $adapter.architecture gives $expected', ({ choice, adapter, expected }) => {
    expect(planBackend(choice, adapter).name).toBe(expected);
  });

  it('falls back to cpu when wasm cannot load', () => {
    expect(planBackend('auto', null, false).name).toBe('cpu');
  });

  it('refuses a forced webgpu without an adapter, saying what to do', () => {
    expect(() => planBackend('webgpu', null)).toThrow(/no WebGPU adapter; choose auto, wasm or cpu/);
  });

  it('recognises software adapters', () => {
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter({ ...nvidia, description: 'llvmpipe (LLVM 15)' })).toBe(true);
    expect(isSoftwareAdapter(nvidia)).toBe(false);
  });
});
