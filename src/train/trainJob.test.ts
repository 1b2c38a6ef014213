/** The training job both the studio's worker and `ner train` run: checkpoint, dev predictions, recovery, setup errors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { prepareDataset, trainingSetOf } from '../core/dataset/prepared';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { expectNoLeaks, TINY_SENTENCES, useBackend } from '../../testing/tfjs';
import { loadCheckpoint } from './checkpointIO';
import { predictTags } from './evaluate';
import { JobSetupError, runTrainJob, type TrainJobOptions } from './trainJob';

const vocab = buildVocabularies(TINY_SENTENCES, []);
const prepared = prepareDataset({ name: 'tiny', train: TINY_SENTENCES, dev: TINY_SENTENCES.slice(0, 3), test: [], sources: [] }, vocab);
const set = trainingSetOf(prepared, false);
const config: RunConfig = { ...DEFAULT_CONFIG, wordDim: 8, charDim: 4, charFilters: 4, hidden: 4, batchSize: 2, epochs: 2, stateEvery: 1, seed: 5, backend: 'cpu' };
const options: TrainJobOptions = { backend: 'cpu', limits: () => Promise.reject(new Error('not asked for a BiLSTM')) };

describe('runTrainJob', () => {
  beforeAll(() => useBackend('cpu'));

  it('packages the best dev checkpoint, whose dev tags are the ones the job reports', async () => {
    const job = await expectNoLeaks(() => runTrainJob(config, set, {}, { ...options, predictDev: true }));
    expect(job).toMatchObject({ status: 'finished', steps: 6, epochs: 2, backend: 'cpu' });
    expect(job.bestStep).not.toBeNull();
    const loaded = loadCheckpoint(job.checkpoint);
    expect(loaded.meta.trained).toMatchObject({ steps: 6, bestStep: job.bestStep, bestDevF1: job.bestDevF1, backend: 'cpu' });
    expect(await predictTags(loaded.tagger, TINY_SENTENCES.slice(0, 3).map(makeEncoder(vocab)), vocab.labels, 8)).toEqual(job.devPredictions);
    loaded.tagger.dispose();
  });

  it('continues from the last saved state when recover names another backend, and records it', async () => {
    const plain = await runTrainJob(config, set, {}, options);
    let failed = false;
    const seen: { step: number; saved: boolean }[] = [];
    const job = await expectNoLeaks(() =>
      runTrainJob(
        config,
        set,
        {
          onStep: (e) => {
            // The device is lost once, after step 4 (states were saved after every step).
            if (e.step === 4 && !failed) {
              failed = true;
              throw new Error('device lost');
            }
          },
        },
        { ...options, recover: async (_e, from) => (seen.push(from), 'wasm') },
      ),
    );
    expect(seen).toEqual([{ step: 3, saved: true }]);
    expect(job.backend).toBe('wasm');
    expect(job.steps).toBe(6);
    // The same curve as without the failure: the state resumes the run exactly.
    expect(job.bestDevF1).toBe(plain.bestDevF1);
  });

  it('fails as the loop failed when recover returns null', async () => {
    const hooks = { onStep: () => { throw new Error('boom'); } };
    await expectNoLeaks(() => expect(runTrainJob(config, set, hooks, { ...options, recover: async () => null })).rejects.toThrow('boom'));
  });

  it('refuses a pretrained run without its base model before any step, naming the key', async () => {
    const pretrained = { ...config, encoder: 'pretrained' as const, baseModel: 'bert-tiny' };
    const error = await runTrainJob(pretrained, trainingSetOf(prepared, true), {}, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobSetupError);
    expect(error).toMatchObject({ key: 'baseModel', message: "the files of 'bert-tiny' did not come with the run" });
    const noTokens = await runTrainJob(pretrained, set, {}, { ...options, baseModel: new Map() }).catch((e: unknown) => e);
    expect(noTokens).toMatchObject({ key: 'baseModel', message: expect.stringMatching(/needs the sentences as written/) });
  });
});
