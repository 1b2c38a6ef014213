/** The benchmark's backbone rows run: each family's narrow twin keeps the published model's layers and heads, and trains. */
import { afterAll, describe, expect, it } from 'vitest';
import { parseEncoderConfig } from '../model/hf/config';
import { useBackend } from '../../testing/tfjs';
import { benchData } from './bench';
import { BACKBONE_BENCH_NAMES, BACKBONE_BENCH_TABLE, backboneBenchmark, narrowTwin } from './backboneBench';

const TEXT = Array.from({ length: 20 }, (_, i) => `Anna B-PER\nBerg I-PER\nvisited O\nLondonderry B-LOC\n${i % 2 ? 'yesterday' : 'today'} O\n`).join('\n');

describe('backbone benchmark rows', () => {
  afterAll(() => useBackend('cpu'));
  it.each(BACKBONE_BENCH_NAMES)('%s: the narrow twin has the same layers and heads, and one LoRA step is measured', async (name) => {
    await useBackend('wasm'); // the benchmark's CPU path, with the gather gradient DeBERTa's relative positions need
    const full = parseEncoderConfig(BACKBONE_BENCH_TABLE[name]);
    const twin = parseEncoderConfig(narrowTwin(BACKBONE_BENCH_TABLE[name]));
    expect([twin.numLayers, twin.numHeads, twin.headDim, twin.architecture]).toEqual([full.numLayers, full.numHeads, 8, full.architecture]);
    const run = await backboneBenchmark(benchData(TEXT, 'train.txt'), { env: 'node', name, narrow: true, steps: 1, warmupSteps: 1 });
    expect(run).toMatchObject({ model: `${name} (narrow twin) LoRA`, batch_size: 8, steps: 1 });
    expect(run.train_sentences_per_s).toBeGreaterThan(0);
    expect(run.peak_memory_mb).toBeGreaterThan(0);
  });
});
