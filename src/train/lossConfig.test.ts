/** The loss choice through the training loop: refused with its reason before training, checkpointed, resumed only unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import type { Sentence } from '../core/types';
import { buildVocabularies, makeEncoder } from '../core/dataset/vocab';
import { labelSimilarityOf } from '../model/losses';
import { expectNoLeaks, useBackend } from '../../testing/tfjs';
import { loadCheckpoint, saveCheckpoint } from './checkpointIO';
import { runTraining, type TrainData } from './runTraining';
import { resumeProblems } from './trainState';

const s = (text: string, tags: string): Sentence => ({ tokens: text.split(' '), tags: tags.split(' ') });
const TRAIN = [s('Anna Berg lives in Oslo', 'B-PER I-PER O O B-LOC'), s('Oslo is cold', 'B-LOC O O'), s('Acme Corp hired Anna', 'B-ORG I-ORG O B-PER')];
const vocab = buildVocabularies(TRAIN);
const DATA: TrainData = { vocab, train: TRAIN.map(makeEncoder(vocab)), dev: [] };
const TINY: RunConfig = { ...DEFAULT_CONFIG, wordDim: 4, charDim: 2, charFilters: 2, hidden: 4, batchSize: 1, epochs: 1, maxSteps: 2, backend: 'cpu' };

beforeAll(() => useBackend('cpu'));
afterAll(() => useBackend('cpu'));

describe('loss choices in runTraining', () => {
  it('refuses multitask on data without extra columns, and a bad parameter, before building anything', async () => {
    await expectNoLeaks(async () => {
      await expect(runTraining({ ...TINY, loss: 'multitask' }, DATA)).rejects.toThrow(/^Cannot train: loss: 'multitask' trains POS and chunk heads .*no extra columns/);
      await expect(runTraining({ ...TINY, loss: 'focal', lossParams: { gamma: 'high' } }, DATA)).rejects.toThrow("Cannot train: lossParams.gamma: must be a number, got 'high'");
    });
  });

  it('trains a compound with a learned-embedding term; its embeddings checkpoint, and a resume needs the same params', async () => {
    const lossParams = { terms: [{ type: 'embedding_label_smoothing', params: { label_emb_dim: 3 } }, { type: 'dice', weight: 0.5 }] };
    const config: RunConfig = { ...TINY, loss: 'compound', lossParams };
    await expectNoLeaks(async () => {
      const result = await runTraining(config, DATA);
      expect(result.steps).toBe(2);
      expect(result.state.weights.map((w) => w.name)).toContain('loss.terms.0.label_embeddings');
      const bytes = await saveCheckpoint(result.tagger, config, vocab, { steps: 2, epochs: 1, bestDevF1: null, backend: 'cpu', createdAt: '2026-01-01' });
      const loaded = loadCheckpoint(bytes);
      expect(loaded.config.lossParams).toEqual(lossParams);
      expect(await labelSimilarityOf(loaded.tagger.namedVariables())).toEqual(await labelSimilarityOf(result.tagger.namedVariables()));
      expect(resumeProblems(result.state, config, TRAIN.length)).toEqual([]);
      expect(resumeProblems(result.state, { ...config, lossParams: { terms: [{ type: 'dice' }] } }, TRAIN.length)[0]).toMatch(/^lossParams: \{"terms":\[\{"type":"embedding_label_smoothing"/);
      loaded.tagger.dispose();
      result.tagger.dispose();
    });
  });
});
