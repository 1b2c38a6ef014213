import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { makeBatch } from './src/core/batch';
import { buildVocabularies, makeEncoder } from './src/core/vocab';
import { Tagger, DEFAULT_TAGGER } from './src/model/tagger';
import { crfLogLikelihood } from './src/model/crf';

const out: Record<string, unknown> = {};
(window as any).result = (async () => {
  try {
    out.backendOk = await tf.setBackend('webgpu');
    await tf.ready();
    out.backend = tf.getBackend();
    const s = (text: string, tags: string) => ({ tokens: text.split(' '), tags: tags.split(' ') });
    const S = [
      s('Anna Berg lives in Oslo', 'B-PER I-PER O O B-LOC'),
      s('Oslo is cold', 'B-LOC O O'),
      s('Carl visited Acme Corp in Rome today', 'B-PER O B-ORG I-ORG O B-LOC O'),
      s('Rome', 'B-LOC'),
    ];
    const vocab = buildVocabularies(S);
    const batch = makeBatch(S.map(makeEncoder(vocab)));
    const before = tf.memory().numTensors;
    for (const overrides of [{}, { crf: false, loss: 'cross_entropy' as const }]) {
      const tagger = new Tagger({ ...DEFAULT_TAGGER, wordVocabSize: vocab.words.length, charVocabSize: vocab.chars.length, numLabels: vocab.labels.length, wordDim: 16, charDim: 8, charFilters: 8, hidden: 16, dropout: 0.1, ...overrides }, 42);
      const opt = tf.train.adam(0.01);
      const vars = [...tagger.namedVariables().values()];
      const losses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const l = opt.minimize(() => tagger.loss(batch, true), true, vars)!;
        losses.push((await l.data())[0]);
        l.dispose();
      }
      out[JSON.stringify(overrides)] = { first: losses[0], last: losses[29], paths: await tagger.predict(batch) };
      opt.dispose();
      tagger.dispose();
    }
    // CRF gradient on webgpu vs a known value computed on the same inputs elsewhere.
    const g = tf.tidy(() => {
      const em = tf.tensor3d([0.1, -0.2, 0.3, 0.5, 0.0, -0.1, 0.2, 0.2, 0.2, -0.3, 0.4, 0.1, 0, 0, 0, 0, 0, 0], [2, 3, 3]);
      const labels = tf.tensor2d([0, 2, 1, 1, 0, 0], [2, 3], 'int32');
      const mask = tf.tensor2d([1, 1, 1, 1, 1, 0], [2, 3]);
      const tr = tf.tensor2d([0.1, 0.2, -0.1, 0, 0.3, 0.1, -0.2, 0.1, 0], [3, 3]);
      const st = tf.tensor1d([0.1, 0, -0.1]);
      const en = tf.tensor1d([0, 0.2, 0.1]);
      return tf.grads((e: tf.Tensor, t: tf.Tensor) => tf.neg(tf.mean(crfLogLikelihood(e as tf.Tensor3D, labels, mask, t as tf.Tensor2D, st, en))))([em, tr]);
    });
    out.crfGrad = await Promise.all(g.map(async (t) => Array.from(await t.data())));
    tf.dispose(g);
    out.leak = tf.memory().numTensors - before;
  } catch (e) {
    out.error = String((e as Error).stack ?? e);
  }
  return out;
})();
