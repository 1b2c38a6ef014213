import { describe, expect, it } from 'vitest';
import { memoryLimits, WASM_HEAP_BYTES } from './limits';

describe('memoryLimits', () => {
  it('webgpu: the adapter limits tfjs asks the device for', async () => {
    const gpu = { requestAdapter: async () => ({ limits: { maxStorageBufferBindingSize: 2 ** 30, maxBufferSize: 2 ** 31 } }) } as unknown as GPU;
    expect(await memoryLimits('webgpu', { gpu })).toEqual({ maxStorageBufferBindingSize: 2 ** 30, maxBufferSize: 2 ** 31 });
  });

  it("wasm: the 4 GiB heap; cpu: the device memory the browser reports", async () => {
    expect(await memoryLimits('wasm', {})).toMatchObject({ memoryBytes: WASM_HEAP_BYTES });
    expect((await memoryLimits('cpu', { deviceMemory: 8 })).memoryBytes).toBe(8 * 2 ** 30);
    expect((await memoryLimits('cpu', {})).memoryBytes).toBeUndefined();
  });
});
