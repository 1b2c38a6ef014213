import { describe, expect, it } from 'vitest';
import { explainFailure } from './activate';

describe('explainFailure', () => {
  it.each([
    ['Failed to allocate buffer of size 4294967296', 'webgpu'],
    ['RangeError: WebAssembly.Memory(): could not allocate memory: out of memory', 'wasm'],
    ['Buffer size exceeds maxStorageBufferBindingSize (134217728)', 'webgpu'],
  ])('turns "%s" into a message with a way out', (message, backend) => {
    const text = explainFailure(new Error(message), backend);
    expect(text).toMatch(new RegExp(`^The model does not fit in memory on ${backend} \\(`));
    expect(text).toContain('Try a smaller batch size, or a smaller model');
    expect(text).toContain(message);
  });

  it('passes other errors through as they are', () => {
    expect(explainFailure(new Error('training split is empty'), 'wasm')).toBe('training split is empty');
    expect(explainFailure('plain', 'cpu')).toBe('plain');
  });
});
