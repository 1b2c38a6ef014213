import { describe, expect, it } from 'vitest';
import { makeCheckpointConfig, writeCheckpoint, type WeightTensor } from '../../core/checkpoint/checkpoint';
import { DEFAULT_CONFIG } from '../../core/config/config';
import { crfTransitions, transitionExtremes } from './crfTransitions';

const labels = ['O', 'B-PER', 'I-PER'];
const vocab = { words: ['<pad>', '<unk>'], chars: ['<pad>', '<unk>'], labels };
const trained = { steps: 1, epochs: 1, bestDevF1: null, backend: 'cpu', createdAt: '2024-01-01T00:00:00Z' };
const checkpoint = (weights: WeightTensor[]) => writeCheckpoint(makeCheckpointConfig(DEFAULT_CONFIG, vocab, trained), vocab, weights);

describe('crfTransitions', () => {
  it('reads [K, K] row-major into rows: row i is "from labels[i]"', () => {
    const data = new Float32Array([0, 1, -2, 3, 4, 5, -6, 7, 0.5]);
    expect(crfTransitions(checkpoint([{ name: 'crf.transitions', shape: [3, 3], data }]))).toEqual({
      ok: true,
      labels,
      matrix: [
        [0, 1, -2],
        [3, 4, 5],
        [-6, 7, 0.5],
      ],
    });
  });

  it.each<[string, Uint8Array | null, RegExp]>([
    ['no checkpoint yet', null, /no checkpoint yet/],
    ['not a zip', new Uint8Array([1, 2, 3]), /Could not read the checkpoint: .*not a zip/],
    ['no CRF', checkpoint([{ name: 'word_embeddings', shape: [2, 1], data: new Float32Array(2) }]), /no CRF layer/],
    ['wrong shape', checkpoint([{ name: 'crf.transitions', shape: [2, 2], data: new Float32Array(4) }]), /shape \[2, 2\], expected \[3, 3\]/],
  ])('%s', (_name, bytes, reason) => {
    const got = crfTransitions(bytes);
    expect(got.ok).toBe(false);
    expect(!got.ok && got.reason).toMatch(reason);
  });
});

describe('transitionExtremes', () => {
  it.each<[string, number[][], ReturnType<typeof transitionExtremes>]>([
    [
      'first of equal scores wins',
      [
        [0, 2],
        [-1, 2],
      ],
      { highest: { from: 'A', to: 'B', score: 2 }, lowest: { from: 'B', to: 'A', score: -1 } },
    ],
    ['one cell', [[0.5]], { highest: { from: 'A', to: 'A', score: 0.5 }, lowest: { from: 'A', to: 'A', score: 0.5 } }],
    ['empty', [], null],
  ])('%s', (_name, matrix, expected) => {
    expect(transitionExtremes(['A', 'B'], matrix)).toEqual(expected);
  });
});
