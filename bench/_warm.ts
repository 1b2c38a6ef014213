import { readFileSync } from 'node:fs';
import { activateBackend } from '../src/backend/activate';
import { makeBatch } from '../src/core/dataset/batch';
import { Tagger } from '../src/model/tagger';
import { benchConfig, benchData } from '../src/train/bench';
import { makeOptimizer } from '../src/train/optimizers';
import { taggerConfigFor } from '../src/train/runTraining';
import { EpochOrders } from '../src/train/trainState';
import { trainStep } from '../src/train/trainStep';
await activateBackend('wasm');
const file = '../shared/datasets/conll2003/iob2/train.txt';
const data = benchData(readFileSync(file, 'utf8'), file);
const config = benchConfig('bilstm-small', 32);
const tagger = new Tagger(taggerConfigFor(config, data.vocab), config.seed);
const vars = [...tagger.trainableVariables()].map(([name, variable]) => ({ name, variable }));
const optimizer = makeOptimizer(config.optimizer, vars, config);
const order = new EpochOrders(data.train.map((s) => s.words.length), 32, config.seed).get(1);
const rows: string[] = [];
for (let i = 0; i < 40; i++) {
  const b = makeBatch(order[i].map((k) => data.train[k]));
  const c0 = process.cpuUsage(); const t0 = performance.now();
  await trainStep(tagger, vars, optimizer, [b], 0.01, 5);
  const c = process.cpuUsage(c0);
  rows.push(`${i}:${b.size}x${b.maxLen} ${(performance.now() - t0).toFixed(0)}/${((c.user + c.system) / 1000).toFixed(0)}`);
}
console.log(rows.join('  '));
