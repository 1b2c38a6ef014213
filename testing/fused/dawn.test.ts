/**
 * The fused-kernel checks (suite.ts) on tfjs' webgpu backend in Node, over Dawn (the `webgpu` npm package, not a
 * dependency: 130 MB). Runs where WEBGPU_DIR names an installed copy; on a machine without a GPU, give Dawn
 * Chromium's SwiftShader when starting the process:
 *   WEBGPU_DIR=/path/node_modules/webgpu LD_LIBRARY_PATH=/usr/lib/chromium \
 *   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npx vitest run testing/fused
 * `npm test` runs the same checks in headless Chromium (e2e/fused.spec.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dawnPath = process.env.WEBGPU_DIR ? join(process.env.WEBGPU_DIR, 'dist', `${process.platform}-${process.arch}`, 'dawn.node') : '';

describe.skipIf(!dawnPath || !existsSync(dawnPath))('fused kernels on webgpu over Dawn', () => {
  it('match the unfused ops', { timeout: 600_000 }, async () => {
    const dawn = createRequire(import.meta.url)(dawnPath) as { create: (flags: string[]) => GPU; globals: Record<string, unknown> };
    Object.assign(globalThis, dawn.globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: dawn.create([]), userAgent: 'node' }, configurable: true });
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-webgpu');
    expect(await tf.setBackend('webgpu')).toBe(true);
    const { runFusedChecks } = await import('./suite');
    const results = await runFusedChecks();
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});
