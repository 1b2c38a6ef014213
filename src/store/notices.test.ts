import { describe, expect, it } from 'vitest';
import { endNotice } from './notices';

const run = (status: string, extra: { bestDevF1?: number | null; error?: string | null; step?: number } = {}) =>
  ({ name: 'baseline', status, step: extra.step ?? 12, bestDevF1: extra.bestDevF1 ?? null, error: extra.error ?? null }) as Parameters<typeof endNotice>[0];

describe('endNotice', () => {
  it.each([
    [run('finished', { bestDevF1: 0.81234 }), { tone: 'success', text: 'baseline finished, best dev F1 0.812' }],
    [run('finished'), { tone: 'success', text: 'baseline finished' }], // no dev split
    [run('stopped', { step: 7, bestDevF1: 0.5 }), { tone: 'info', text: 'baseline stopped at step 7, best dev F1 0.500' }],
    [run('failed', { error: 'wordVectors: 8-dimensional vectors but wordDim is 50' }), { tone: 'error', text: 'baseline failed: wordVectors: 8-dimensional vectors but wordDim is 50' }],
    [run('training'), null],
    [run('interrupted'), null], // a reload, not an ending worth a notice
  ])('%#', (r, expected) => {
    expect(endNotice(r)).toEqual(expected);
  });
});
