/** CoNLL words through a checkpoint's own tokenizer, windows and encoder, back to one vector per word. */
import { afterAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadCheckpointTokenizer, type SubwordTokenizer } from '../../tokenize/subwordTokenizer';
import { aggregateToWords, batchWindows, stitchWindows } from '../../../testing/windowReference';
import { encodeWords } from '../../tokenize/wordWindows';
import { expectNoLeaks, useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint } from './checkpoint';
import { HfEncoder } from './encoder';
import { tinyCheckpointFiles, TINY_CHECKPOINTS } from '../../../testing/hfFixtures';

const SENTENCE = 'John Smith said in Paris the new minister of France was at the bank'.split(' ');

/** Per-word hidden states [N, H] of a sentence, windows of at most maxTokens. */
async function wordVectors(encoder: HfEncoder, tokenizer: SubwordTokenizer, words: string[], maxTokens: number, stride: number): Promise<{ vectors: Float32Array; windows: number }> {
  const windows = encodeWords(tokenizer, words, { maxTokens, stride });
  const batch = batchWindows(windows, tokenizer.padId);
  const H = encoder.spec.hiddenSize;
  const out = tf.tidy(() =>
    encoder.forward({ inputIds: tf.tensor2d(batch.inputIds, [batch.size, batch.maxLen], 'int32'), attentionMask: tf.tensor2d(batch.attentionMask, [batch.size, batch.maxLen]) }, false),
  ); // [B, T, H]
  const values = (await out.data()) as Float32Array; // sync point
  out.dispose();
  const perWindow = windows.map((w, b) => aggregateToWords(values.subarray(b * batch.maxLen * H, (b + 1) * batch.maxLen * H), H, w, 'average'));
  return { vectors: stitchWindows(words.length, H, windows, perWindow), windows: windows.length };
}

describe('words -> subwords -> encoder -> words', () => {
  afterAll(() => useBackend('cpu'));

  test.each(TINY_CHECKPOINTS)('%s: one vector per word, with or without windows', async (name) => {
    await useBackend('cpu');
    const checkpoint = readHfCheckpoint(tinyCheckpointFiles(name));
    const encoder = new HfEncoder(checkpoint);
    const tokenizer = loadCheckpointTokenizer(checkpoint);
    await expectNoLeaks(async () => {
      const whole = await wordVectors(encoder, tokenizer, SENTENCE, 64, 0);
      const split = await wordVectors(encoder, tokenizer, SENTENCE, 10, 4);
      expect(whole.windows).toBe(1);
      expect(split.windows).toBeGreaterThan(2);
      expect(whole.vectors.length).toBe(SENTENCE.length * 16);
      expect(split.vectors.length).toBe(SENTENCE.length * 16);
      expect(split.vectors.every(Number.isFinite)).toBe(true);
    });
    encoder.dispose();
  });
});
