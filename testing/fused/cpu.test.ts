/**
 * The fused-kernel checks (suite.ts) on the CPU backends' kernels (fused/cpu/): wasm and cpu in Node, every fused op
 * against the unfused ops on the same backend, with leak checks and a bit-for-bit repeat of a seeded run.
 */
import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS, useBackend } from '../tfjs';
import { runFusedChecks } from './suite';

describe.each(TEST_BACKENDS)('fused kernels on %s', (backend) => {
  it('match the unfused ops', { timeout: 120_000 }, async () => {
    await useBackend(backend);
    const results = await runFusedChecks();
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});
