/**
 * The playground decodes as `ner predict` does: through the tagger's constrained CRF scores. A checkpoint whose raw
 * scores favour I-PER everywhere (unconstrained Viterbi starts the sentence with I-PER, which IOB2 forbids) gives
 * the same valid tags in both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { buildVocabularies } from '../core/dataset/vocab';
import { viterbiDecode } from '../core/decode/viterbi';
import { validateScheme } from '../core/tags/schemeCheck';
import { Tagger } from '../model/tagger';
import { expectNoLeaks, TINY_SENTENCES, useBackend } from '../../testing/tfjs';
import { fixtureDir, runNer } from '../../testing/runNer';
import { loadCheckpoint, saveWeightsCheckpoint } from './checkpointIO';
import { predictText } from './predictText';
import { taggerConfigFor } from './runTraining';

const TEXT = 'Anna Berg lives in Oslo today';
const config: RunConfig = { ...DEFAULT_CONFIG, wordDim: 8, charDim: 4, charFilters: 4, hidden: 4, crf: true, constrainTransitions: true, seed: 3 };
const vocab = buildVocabularies(TINY_SENTENCES, []);
const K = vocab.labels.length;
const iPer = vocab.labels.indexOf('I-PER');

/** Weights whose emissions favour I-PER on every token, with raw CRF scores that do nothing to stop it. */
async function skewedCheckpoint(): Promise<Uint8Array> {
  const tagger = new Tagger(taggerConfigFor(config, vocab), config.seed);
  const weights = (await tagger.exportWeights()).map((w) => {
    if (w.name === 'emissions.kernel') return { ...w, data: new Float32Array(w.data.length) };
    if (w.name === 'emissions.bias') return { ...w, data: Float32Array.from({ length: K }, (_, k) => (k === iPer ? 4 : 0)) };
    if (w.name.startsWith('crf.')) return { ...w, data: new Float32Array(w.data.length) };
    return w;
  });
  tagger.dispose();
  return saveWeightsCheckpoint(weights, config, vocab, { steps: 0, epochs: 0, bestDevF1: null, backend: 'cpu', createdAt: '2026-11-29T00:00:00Z' });
}

describe('one decoder for the playground and ner predict', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    await useBackend('cpu');
    bytes = await skewedCheckpoint();
  });

  it('unconstrained Viterbi on the raw scores would emit an invalid IOB2 sequence (the case is a real one)', () => {
    const n = TEXT.split(' ').length;
    const emissions = Float32Array.from({ length: n * K }, (_, i) => (i % K === iPer ? 4 : 0));
    const [raw] = viterbiDecode(emissions, 1, n, K, [n], new Float32Array(K * K), new Float32Array(K), new Float32Array(K));
    expect(raw.map((id) => vocab.labels[id])).toEqual(Array(n).fill('I-PER'));
  });

  it('the playground and ner predict give the same valid tags, token for token', async () => {
    const model = loadCheckpoint(bytes);
    const playground = await expectNoLeaks(() => predictText(model.tagger, model.vocab, TEXT));
    model.tagger.dispose();
    expect(validateScheme([{ tokens: TEXT.split(' '), tags: playground.tags }], 'IOB2', 'playground')).toEqual([]);
    expect(playground.tags[0]).toBe('B-PER');

    const dir = fixtureDir({ 'model.zip': bytes, 'words.txt': `${TEXT.split(' ').join('\n')}\n` });
    const r = await runNer(['predict', '--checkpoint', 'model.zip', '--data', 'words.txt', '-o', 'pred.txt'], dir);
    expect(r.stderr).not.toMatch(/error/);
    const predicted = readFileSync(join(dir, 'pred.txt'), 'utf8').trim().split('\n').map((line) => line.split(' ')[2]);
    expect(predicted).toEqual(playground.tags);
  });
});
