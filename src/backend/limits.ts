/**
 * @file The memory a run on each backend works within, asked once before a pretrained encoder
 * trains: WebGPU's largest buffer (tfjs-backend-webgpu requests the adapter's own maxima, so
 * those are the limits), wasm's 4 GiB heap, and for the CPU the device memory the browser reports.
 * No tfjs import: the model worker asks before any backend starts.
 */
import type { BackendName } from './probe';

export interface MemoryLimits {
  /** Bytes one tensor may take: a GPU storage-buffer binding, or the wasm heap. */
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  /** Bytes for everything at once, where known. */
  memoryBytes?: number;
}

/** 4 GiB - 64 KiB, tfjs-backend-wasm's getHeapMax(). */
export const WASM_HEAP_BYTES = 4294901760;

export async function memoryLimits(backend: BackendName, nav: { gpu?: GPU; deviceMemory?: number } = globalThis.navigator ?? {}): Promise<MemoryLimits> {
  // navigator.deviceMemory: GiB, rounded and capped (at 8 in Chrome); a floor, not the truth.
  const reported = typeof nav.deviceMemory === 'number' && nav.deviceMemory > 0 ? nav.deviceMemory * 2 ** 30 : undefined;
  if (backend === 'webgpu') {
    const adapter = await nav.gpu?.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (adapter) return { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize };
    return { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 }; // WebGPU's defaults
  }
  if (backend === 'wasm') return { maxStorageBufferBindingSize: WASM_HEAP_BYTES, maxBufferSize: WASM_HEAP_BYTES, memoryBytes: WASM_HEAP_BYTES };
  return { maxStorageBufferBindingSize: 2 ** 31 - 1, maxBufferSize: 2 ** 31 - 1, ...(reported ? { memoryBytes: Math.max(reported, 2 ** 30) } : {}) };
}
