/**
 * @file Decides, once, which tfjs backend to train on. WebGPU only pays off on a real GPU:
 * a software adapter (SwiftShader, a fallback adapter) is far slower than wasm SIMD, so
 * "auto" picks wasm there. No tfjs import here, so this runs and tests anywhere.
 */

import type { BackendChoice } from '../core/config/config';

export type BackendName = Exclude<BackendChoice, 'auto'>;

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface BackendPlan {
  name: BackendName;
  /** Why this backend, in words shown to the person. */
  reason: string;
  adapter: AdapterDescription | null;
}

/** A software rasteriser pretending to be a GPU. */
export function isSoftwareAdapter(a: AdapterDescription): boolean {
  const text = `${a.vendor} ${a.architecture} ${a.description}`.toLowerCase();
  return a.isFallbackAdapter || text.includes('swiftshader') || text.includes('llvmpipe') || text.includes('lavapipe');
}

/** Asks for a WebGPU adapter and describes it; null where WebGPU is missing or gives none. */
export async function describeAdapter(gpu: GPU | undefined): Promise<AdapterDescription | null> {
  if (!gpu) return null;
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    return null;
  }
  if (!adapter) return null;
  const info = adapter.info ?? ({} as Partial<GPUAdapterInfo>);
  const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback),
  };
}

export function planBackend(choice: BackendChoice, adapter: AdapterDescription | null, wasmAvailable = true): BackendPlan {
  const label = adapter ? [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unnamed adapter' : '';
  if (choice === 'webgpu') {
    if (!adapter) throw new Error('WebGPU was requested but this browser offers no WebGPU adapter; choose auto, wasm or cpu.');
    return { name: 'webgpu', reason: `forced; adapter ${label}`, adapter };
  }
  if (choice === 'wasm' || choice === 'cpu') return { name: choice, reason: 'forced', adapter };
  if (adapter && !isSoftwareAdapter(adapter)) return { name: 'webgpu', reason: `GPU adapter ${label}`, adapter };
  const fallback: BackendName = wasmAvailable ? 'wasm' : 'cpu';
  const why = adapter ? `the only WebGPU adapter is a software one (${label})` : 'no WebGPU adapter';
  return { name: fallback, reason: why, adapter };
}
