/** A finished run's test score through its checkpoint file, and the length-sorted batching every scorer uses. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { makeBatch } from '../core/dataset/batch';
import { prepareDataset, trainingSetOf } from '../core/dataset/prepared';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { entityScores } from '../core/metrics/metrics';
import { expectNoLeaks, TINY_SENTENCES, useBackend } from '../../testing/tfjs';
import { loadCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { scoreCheckpoint } from './scoreCheckpoint';
import { runTrainJob } from './trainJob';

const dev = TINY_SENTENCES.slice(0, 4);
const vocab = buildVocabularies(TINY_SENTENCES, []);
const prepared = prepareDataset({ name: 'tiny', train: TINY_SENTENCES, dev, test: [], sources: [] }, vocab);
const config: RunConfig = { ...DEFAULT_CONFIG, wordDim: 8, charDim: 4, charFilters: 4, hidden: 4, batchSize: 2, epochs: 2, seed: 3, backend: 'cpu' };

describe('scoreCheckpoint', () => {
  beforeAll(() => useBackend('cpu'));

  it("scores the run's own dev split as written to the dev F1 the run recorded for that checkpoint", async () => {
    const job = await runTrainJob(config, trainingSetOf(prepared, false), {}, { backend: 'cpu', limits: () => Promise.reject(new Error('unused')) });
    const scores = await expectNoLeaks(() => scoreCheckpoint(job.checkpoint, { tokens: dev.map((s) => s.tokens), tags: dev.map((s) => s.tags) }));
    expect(scores.f1).toBe(job.bestDevF1);
    // Against tags predicted one sentence at a time, without the batching.
    const { tagger, vocab: v } = loadCheckpoint(job.checkpoint);
    const one = [];
    for (const s of dev) one.push((await tagger.predict(makeBatch([makeEncoder(v)(s)])))[0].map((id) => v.labels[id]));
    tagger.dispose();
    expect(scores).toEqual(entityScores(dev.map((s) => s.tags), one));
  });

  it('refuses a split whose tokens and tags do not pair up', async () => {
    await expect(scoreCheckpoint(new Uint8Array(), { tokens: [['a']], tags: [] })).rejects.toThrow(/1 token lists but 0 tag lists/);
  });
});

describe('predictTags', () => {
  beforeAll(() => useBackend('cpu'));

  it('gives each sentence the tags it gets alone, in the given order, whatever the batch size', async () => {
    const job = await runTrainJob(config, trainingSetOf(prepared, false), {}, { backend: 'cpu', limits: () => Promise.reject(new Error('unused')) });
    const { tagger, vocab: v } = loadCheckpoint(job.checkpoint);
    const encoded = TINY_SENTENCES.map(makeEncoder(v));
    const alone = await predictTags(tagger, encoded, v.labels, 1);
    for (const size of [2, 4, 64]) expect(await expectNoLeaks(() => predictTags(tagger, encoded, v.labels, size))).toEqual(alone);
    tagger.dispose();
  });
});
