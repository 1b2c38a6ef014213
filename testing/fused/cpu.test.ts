/**
 * The fused-kernel checks (suite.ts) on the CPU backends' kernels (fused/cpu/): wasm and cpu in Node, every fused op
 * the backend registers against the unfused ops on the same backend, with leak checks and a bit-for-bit repeat of a
 * seeded run.
 */
import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS, useBackend } from '../tfjs';
import { runFusedChecks } from './suite';

/** The checks each backend must run (its fused kernels), so that a kernel dropped from a backend fails here. */
const EXPECTED: Record<(typeof TEST_BACKENDS)[number], string[]> = {
  wasm: ['LSTM, 1 direction', 'LSTM, 2 directions', 'CRF log-likelihood', 'BiLSTM-CRF training'],
  cpu: ['LSTM, 1 direction', 'LSTM, 2 directions', 'CRF log-likelihood', 'global norm', 'adam update', 'adamw update', 'sgd update', 'BiLSTM-CRF training'],
};

describe.each(TEST_BACKENDS)('fused kernels on %s', (backend) => {
  it('match the unfused ops', { timeout: 120_000 }, async () => {
    await useBackend(backend);
    const results = await runFusedChecks();
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const missing = EXPECTED[backend].filter((prefix) => !results.some((r) => r.name.startsWith(prefix)));
    expect(missing).toEqual([]);
  });
});
