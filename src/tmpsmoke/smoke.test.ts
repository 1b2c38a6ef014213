import { test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/batch';
import { buildVocabularies, makeEncoder } from '../core/vocab';
import { Tagger, DEFAULT_TAGGER } from '../model/tagger';
import { useBackend } from '../model/testing';
import { constraintsForLabels } from '../core/constraints';

test('smoke', async () => {
  const s = (text: string, tags: string) => ({ tokens: text.split(' '), tags: tags.split(' ') });
  const SENT = [s('Anna Berg lives in Oslo', 'B-PER I-PER O O B-LOC'), s('Oslo is cold', 'B-LOC O O'), s('Carl visited Acme Corp in Rome today', 'B-PER O B-ORG I-ORG O B-LOC O')];
  const vocab = buildVocabularies(SENT);
  for (const backend of ['cpu', 'wasm'] as const) {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    const tagger = new Tagger({ ...DEFAULT_TAGGER, encoder: 'transformer', wordVocabSize: vocab.words.length, charVocabSize: vocab.chars.length, numLabels: vocab.labels.length, wordDim: 16, charDim: 8, charFilters: 8, modelDim: 32, heads: 4, ffnDim: 64, dropout: 0.1, allowed: constraintsForLabels(vocab.labels) }, 1);
    const batch = makeBatch(SENT.map(makeEncoder(vocab)));
    const opt = tf.train.adam(0.003);
    const losses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const l = opt.minimize(() => tagger.loss(batch, true), true, [...tagger.namedVariables().values()])!;
      losses.push((await l.data())[0]); l.dispose();
    }
    console.log(backend, losses.filter((_, i) => i % 5 === 0).map((v) => v.toFixed(3)).join(' '), await tagger.predict(batch), tagger.parameterCount());
    opt.dispose(); tagger.dispose();
    console.log('leak', tf.memory().numTensors - before);
  }
}, 60000);
