import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint } from './checkpoint';
import { HfEncoder, type EncoderInputs, type EncoderTraining } from './encoder';
import { referenceCases, tinyCheckpointFiles, TINY_CHECKPOINTS, type ReferenceCase } from '../../../testing/hfFixtures';

function inputsOf(c: ReferenceCase): EncoderInputs {
  return {
    inputIds: tf.tensor2d(c.input_ids, undefined, 'int32'),
    attentionMask: tf.tensor2d(c.attention_mask),
    tokenTypeIds: c.token_type_ids ? tf.tensor2d(c.token_type_ids, undefined, 'int32') : undefined,
  };
}

/** Largest |tfjs - reference| over every position, padding included. */
async function maxDifference(encoder: HfEncoder, c: ReferenceCase): Promise<number> {
  const out = tf.tidy(() => encoder.forward(inputsOf(c), false));
  const got = await out.data();
  out.dispose();
  const expected = c.last_hidden_state.flat(2);
  expect(got.length).toBe(expected.length);
  return expected.reduce((m, v, i) => Math.max(m, Math.abs(v - got[i])), 0);
}

describe('HfEncoder matches the PyTorch reference (scripts/bert_reference.py)', () => {
  afterAll(() => useBackend('cpu'));

  for (const backend of TEST_BACKENDS) {
    test.each(TINY_CHECKPOINTS)(`%s on ${backend}: last hidden states within 1e-4`, async (name) => {
      await useBackend(backend);
      const checkpoint = readHfCheckpoint(tinyCheckpointFiles(name));
      await expectNoLeaks(async () => {
        const encoder = new HfEncoder(checkpoint);
        const worst = Math.max(...(await Promise.all(referenceCases(name).map((c) => maxDifference(encoder, c)))));
        console.log(`${name} on ${backend}: max |tfjs - torch| = ${worst.toExponential(2)}`);
        expect(worst).toBeLessThan(1e-4);
        encoder.dispose();
      });
    });
  }

  test('inputs longer than the position table are refused', async () => {
    await useBackend('cpu');
    const encoder = new HfEncoder(readHfCheckpoint(tinyCheckpointFiles('tiny-roberta')));
    await expectNoLeaks(() => {
      const ids = tf.zeros([1, 65], 'int32') as tf.Tensor2D;
      const mask = tf.ones([1, 65]) as tf.Tensor2D;
      expect(() => encoder.forward({ inputIds: ids, attentionMask: mask }, false)).toThrow(/65 tokens.*limit of 64/);
      tf.dispose([ids, mask]);
    });
    encoder.dispose();
  });
});

describe('what trains', () => {
  const checkpoint = readHfCheckpoint(tinyCheckpointFiles('tiny-bert'));
  // tiny-bert: embeddings 60*16 + 64*16 + 2*16 + 2*16 = 2048; each layer 4*(16*16+16) + 2*16 + (32*16+32) + (16*32+16) + 2*16 = 2224
  test.each<{ training: EncoderTraining; total: number; trainable: number }>([
    { training: { mode: 'full' }, total: 2048 + 2 * 2224, trainable: 2048 + 2 * 2224 },
    { training: { mode: 'frozen' }, total: 6496, trainable: 0 },
    { training: { mode: 'top', layers: 1 }, total: 6496, trainable: 2224 },
    { training: { mode: 'top', layers: 0 }, total: 6496, trainable: 0 },
    // rank 4 on query and value of 2 layers: 2 * 2 * (16*4 + 4*16)
    { training: { mode: 'lora', rank: 4, alpha: 8 }, total: 6496 + 512, trainable: 512 },
    { training: { mode: 'lora', rank: 2, alpha: 2, targets: ['query', 'key', 'value', 'attentionOutput'] }, total: 6496 + 512, trainable: 512 },
  ])('$training.mode $training: $trainable of $total parameters train', async ({ training, total, trainable }) => {
    await useBackend('cpu');
    await expectNoLeaks(() => {
      const encoder = new HfEncoder(checkpoint, { training, seed: 1 });
      expect(encoder.parameterCounts()).toEqual({ total, trainable });
      expect(encoder.trainableVariables().every((v) => v.trainable)).toBe(true);
      encoder.dispose();
    });
  });

  test.each([
    { training: { mode: 'top', layers: 3 } as EncoderTraining, error: /0 to 2, got 3/ },
    { training: { mode: 'lora', rank: 0, alpha: 1 } as EncoderTraining, error: /rank/ },
    { training: { mode: 'lora', rank: 2, alpha: 0 } as EncoderTraining, error: /alpha/ },
  ])('refuses $training', async ({ training, error }) => {
    await useBackend('cpu');
    await expectNoLeaks(() => expect(() => new HfEncoder(checkpoint, { training })).toThrow(error));
  });

  test('LoRA starts as the pretrained model, and its gradients reach only the adapters', async () => {
    await useBackend('cpu');
    const [c] = referenceCases('tiny-bert');
    const lora = new HfEncoder(checkpoint, { training: { mode: 'lora', rank: 2, alpha: 4 }, seed: 3 });
    await expectNoLeaks(async () => {
      expect(await maxDifference(lora, c)).toBeLessThan(1e-4);
      const { grads, value } = tf.variableGrads(() => tf.tidy(() => tf.sum(tf.square(lora.forward(inputsOf(c), true)))));
      expect(Object.keys(grads).sort()).toEqual(lora.trainableVariables().map((v) => v.name).sort());
      tf.dispose([value, ...Object.values(grads)]);
    });
    lora.dispose();
  });

  test.each(['cpu', 'wasm'] as const)('a training step runs on %s (gather, erf and softmax gradients)', async (backend) => {
    await useBackend(backend);
    const [c] = referenceCases('tiny-roberta');
    const encoder = new HfEncoder(readHfCheckpoint(tinyCheckpointFiles('tiny-roberta')), { seed: 5 });
    await expectNoLeaks(async () => {
      const optimizer = tf.train.sgd(0.01);
      const loss = (training: boolean) => tf.tidy(() => tf.mean(tf.square(encoder.forward(inputsOf(c), training))) as tf.Scalar);
      // The step trains with dropout; before and after compare without it. Seeded, so it repeats.
      const before = loss(false);
      const cost = optimizer.minimize(() => loss(true), true, encoder.trainableVariables())!;
      const after = loss(false);
      expect((await after.data())[0]).toBeLessThan((await before.data())[0]);
      tf.dispose([before, cost, after]);
      optimizer.dispose();
    });
    encoder.dispose();
    await useBackend('cpu');
  });
});
