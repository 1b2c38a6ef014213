import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { activateBackend } from '../src/backend/activate';
import { benchConfig, benchData } from '../src/train/bench';
import { runTraining } from '../src/train/runTraining';
const backend = process.argv[2] as 'cpu' | 'wasm';
const data = benchData(readFileSync('../shared/datasets/conll2003/iob2/train.txt', 'utf8'), 'train.txt');
await activateBackend(backend);
const config = { ...benchConfig('bilstm-small', 32), maxSteps: 4, epochs: 1 };
let last = performance.now();
const r = await runTraining(config, { vocab: data.vocab, train: data.train, dev: [] }, {
  onStep: (e) => {
    const now = performance.now();
    console.log(e.step, (now - last).toFixed(0), 'ms', e.tokens, 'tokens', e.sentences, 'sent', (process.memoryUsage().rss / 2 ** 20).toFixed(0), 'MB rss', tf.memory().numTensors, 'tensors');
    last = now;
  },
});
r.tagger.dispose();
