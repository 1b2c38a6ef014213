/**
 * Frozen dense weights in half precision: the encoder computes what a float32 encoder computes from
 * the same weights rounded to half precision, gradients reach the LoRA adapters (whose step lowers
 * the loss), the weights take half the bytes, and a tagger saves and loads them.
 */
import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { packHalves, unpackHalves } from '../../core/checkpoint/float16';
import { tinyCheckpointFiles } from '../../../testing/hfFixtures';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint, type WeightData } from './checkpoint';
import { HfEncoder, type EncoderTraining } from './encoder';

const checkpoint = readHfCheckpoint(tinyCheckpointFiles('tiny-llama'));
const rounded = (w: WeightData): WeightData => ({ shape: w.shape, data: unpackHalves(packHalves(w.data), w.data.length) });
const inputs = () => ({ inputIds: tf.tensor2d([[3, 40, 99, 7, 250, 31], [12, 5, 77, 0, 0, 0]], undefined, 'int32'), attentionMask: tf.tensor2d([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]]) });

async function outputs(encoder: HfEncoder): Promise<Float32Array> {
  const out = tf.tidy(() => encoder.forward(inputs(), false));
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}

afterAll(() => useBackend('cpu'));

describe.each(TEST_BACKENDS)('half-precision frozen weights on %s', (backend) => {
  test.each<EncoderTraining>([{ mode: 'lora', rank: 2, alpha: 4, targets: ['query', 'value', 'mlp'] }, { mode: 'top', layers: 1 }, { mode: 'frozen' }])(
    '$mode: as float32 from the rounded weights, in half the bytes',
    async (training) => {
      await useBackend(backend);
      await expectNoLeaks(async () => {
        const before = tf.memory().numBytes;
        const half = new HfEncoder(checkpoint, { training, halfPrecision: true, seed: 1 });
        const halfBytes = tf.memory().numBytes - before;
        // The float32 twin: frozen dense weights rounded exactly as half precision stores them.
        const frozenDense = [...half.halves.keys()];
        const twinWeights = new Map([...checkpoint.encoderWeights].map(([n, w]) => [n, frozenDense.includes(n) ? rounded(w) : w]));
        const mid = tf.memory().numBytes;
        const twin = new HfEncoder({ spec: checkpoint.spec, encoderWeights: twinWeights }, { training, seed: 1 });
        const twinBytes = tf.memory().numBytes - mid;
        expect(frozenDense.length).toBeGreaterThan(0);
        const halvedFloats = [...half.halves.values()].reduce((n, w) => n + w.size, 0);
        expect(twinBytes - halfBytes).toBe(halvedFloats * 2);
        expect(half.parameterCounts()).toEqual(twin.parameterCounts());
        const [a, b] = [await outputs(half), await outputs(twin)];
        expect(a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0)).toBeLessThan(1e-5);
        [half, twin].forEach((e) => e.dispose());
      });
    },
  );

  test('LoRA trains beside them: gradients reach only the adapters, and a step lowers the loss', async () => {
    await useBackend(backend);
    const encoder = new HfEncoder(checkpoint, { training: { mode: 'lora', rank: 4, alpha: 8 }, halfPrecision: true, seed: 2, attention: 'bidirectional' });
    await expectNoLeaks(async () => {
      const loss = () => tf.tidy(() => tf.mean(tf.square(tf.sub(encoder.forward(inputs(), false), 0.5))) as tf.Scalar);
      const { grads, value } = tf.variableGrads(loss);
      expect(Object.keys(grads).sort()).toEqual(encoder.trainableVariables().map((v) => v.name).sort());
      const optimizer = tf.train.adam(0.05);
      optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
      const after = loss();
      expect((await after.data())[0]).toBeLessThan((await value.data())[0]);
      tf.dispose([value, after, ...Object.values(grads)]);
      optimizer.dispose();
    });
    // Exported, the frozen weights are their half-precision values, LoRA merged on top.
    const exported = await encoder.exportWeights();
    const name = 'model.layers.0.mlp.down_proj.weight';
    expect(exported.get(name)!.data).toEqual(rounded(checkpoint.encoderWeights.get(name)!).data);
    encoder.dispose();
  });
});
