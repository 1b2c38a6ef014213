/**
 * The newer backbones against scripts/backbone_reference.py, an independent PyTorch implementation:
 * the states the token classifier reads within 1e-4 (decoders both causal and with the mask lifted),
 * the tokenizer's ids for a table of hard words, and DeBERTa's log buckets at v3-base's own settings.
 */
import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { backboneReference, TINY_BACKBONES, tinyCheckpointFiles, type BackboneReference, type TinyBackbone } from '../../../testing/hfFixtures';
import { expectNoLeaks, TEST_BACKENDS, useBackend } from '../../../testing/tfjs';
import { loadCheckpointTokenizer } from '../../tokenize/subwordTokenizer';
import { readHfCheckpoint } from './checkpoint';
import { logBucket } from './deberta/relativePositions';
import { HfEncoder } from './encoder';
import type { DecoderAttention } from './forwardContext';

type Case = BackboneReference['cases'][number];

/** Largest |tfjs - reference| over the real tokens of a case (padding rows differ by design between implementations). */
async function worstDifference(encoder: HfEncoder, c: Case, expected: number[][][]): Promise<number> {
  const out = tf.tidy(() =>
    encoder.forward(
      {
        inputIds: tf.tensor2d(c.input_ids, undefined, 'int32'),
        attentionMask: tf.tensor2d(c.attention_mask),
        tokenTypeIds: c.token_type_ids ? tf.tensor2d(c.token_type_ids, undefined, 'int32') : undefined,
      },
      false,
    ),
  );
  const got = (await out.array()) as number[][][];
  out.dispose();
  let worst = 0;
  expected.forEach((seq, b) =>
    seq.forEach((row, t) => {
      if (!c.attention_mask[b][t]) return;
      row.forEach((v, h) => (worst = Math.max(worst, Math.abs(v - got[b][t][h]))));
    }),
  );
  return worst;
}

const isDecoder = (name: TinyBackbone) => /llama|mistral|qwen2/.test(name);

describe('backbones match the PyTorch reference (scripts/backbone_reference.py)', () => {
  afterAll(() => useBackend('cpu'));

  for (const backend of TEST_BACKENDS) {
    test.each(TINY_BACKBONES)(`%s on ${backend}: the classifier's input within 1e-4`, async (name) => {
      await useBackend(backend);
      const checkpoint = readHfCheckpoint(tinyCheckpointFiles(name));
      const reference = backboneReference(name);
      const attentions: DecoderAttention[] = isDecoder(name) ? ['causal', 'bidirectional'] : ['causal'];
      await expectNoLeaks(async () => {
        for (const attention of attentions) {
          const encoder = new HfEncoder(checkpoint, { attention });
          let worst = 0;
          for (const c of reference.cases) worst = Math.max(worst, await worstDifference(encoder, c, attention === 'causal' ? c.features : c.features_bidirectional!));
          console.log(`${name} (${attention}) on ${backend}: max |tfjs - torch| = ${worst.toExponential(2)}`);
          expect(worst).toBeLessThan(1e-4);
          encoder.dispose();
        }
      });
    });
  }

  test.each(TINY_BACKBONES)("%s: the tokenizer gives tokenizer.json's ids for every hard word, and its special tokens", (name) => {
    const reference = backboneReference(name);
    const tokenizer = loadCheckpointTokenizer(readHfCheckpoint(tinyCheckpointFiles(name)));
    expect({ before: [...tokenizer.prefixIds], after: [...tokenizer.suffixIds] }).toEqual(reference.special_tokens);
    const got = reference.words.map(({ word }) => ({ word, ids: [...tokenizer.encodeWord(word)] }));
    expect(got).toEqual(reference.words);
  });

  test("DeBERTa's log buckets at v3-base's settings (256 buckets, 512 positions) equal PyTorch's float32 ones", () => {
    const expected = backboneReference('tiny-deberta-v3').log_buckets_256_512!;
    const got = Array.from({ length: 1023 }, (_, k) => logBucket(k - 511, 256, 512));
    expect(got).toEqual(expected);
  });
});
