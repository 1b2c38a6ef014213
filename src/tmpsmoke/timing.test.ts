import { test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../core/batch';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config';
import { applyPreset, type PresetName } from '../core/presets';
import { Tagger } from '../model/tagger';
import { useBackend } from '../model/testing';
import { taggerConfigFor } from '../train/runTraining';
import { makeRng } from '../core/rng';

const labels = ['O', 'B-LOC', 'B-MISC', 'B-ORG', 'B-PER', 'I-LOC', 'I-MISC', 'I-ORG', 'I-PER'];
const vocab = { words: Array.from({ length: 20000 }, (_, i) => `w${i}`), chars: Array.from({ length: 90 }, (_, i) => `c${i}`), labels };

async function time(preset: PresetName, backend: 'wasm' | 'cpu', B = 32, T = 30) {
  await useBackend(backend);
  const config: RunConfig = applyPreset(DEFAULT_CONFIG, preset);
  const tagger = new Tagger(taggerConfigFor(config, vocab), 1);
  const rng = makeRng(3);
  const sentences = Array.from({ length: B }, () => {
    const n = T;
    return { words: Int32Array.from({ length: n }, () => 2 + Math.floor(rng() * 19000)), chars: Array.from({ length: n }, () => Int32Array.from({ length: 3 + Math.floor(rng() * 8) }, () => 2 + Math.floor(rng() * 80))), labels: new Int32Array(n) };
  });
  const batch = makeBatch(sentences);
  const opt = tf.train.adam(1e-3);
  const vars = [...tagger.namedVariables().values()];
  const times: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const l = opt.minimize(() => tagger.loss(batch, true), true, vars)!;
    await l.data(); l.dispose();
    times.push(performance.now() - t0);
  }
  const steady = times.slice(3).sort((a, b) => a - b);
  console.log(`${preset} ${backend} B=${B} T=${T} params=${tagger.parameterCount()} step ms median=${steady[2].toFixed(0)} all=${times.map((t) => t.toFixed(0)).join(',')}`);
  opt.dispose(); tagger.dispose();
}

test('timing', async () => {
  await time('transformer-small', 'wasm');
  await time('bilstm-small', 'wasm');
  await time('transformer-base', 'wasm');
}, 600000);
