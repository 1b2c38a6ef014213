/**
 * A decoder's context in the tagger: 'bidirectional' is the encoder with its causal mask lifted;
 * 'sentence+reverse' averages a causal pass over the sentence and one over its words in reverse
 * order, each token's reversed state put back at its own position. Checked against HfEncoder's
 * passes (themselves matched to PyTorch in hf/backbones.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { DecoderContext } from '../../core/config/config';
import { makeBatch } from '../../core/dataset/batch';
import { buildVocabularies, makeEncoder } from '../../core/dataset/vocab';
import { tinyCheckpointFiles } from '../../../testing/hfFixtures';
import { expectNoLeaks, sentence, useBackend } from '../../../testing/tfjs';
import { loadCheckpointTokenizer } from '../../tokenize/subwordTokenizer';
import { withWordPieces } from '../../tokenize/sentencePieces';
import { readHfCheckpoint } from '../hf/checkpoint';
import { HfEncoder } from '../hf/encoder';
import { Tagger } from '../tagger';
import { testTagger } from '../../../testing/taggers';

const SENTENCES = [sentence('John Smith said in Zürich today', 'B-PER I-PER O O B-LOC O'), sentence('Paris', 'B-LOC')];
const checkpoint = readHfCheckpoint(tinyCheckpointFiles('tiny-llama'));
const tokenizer = loadCheckpointTokenizer(checkpoint);
const vocab = buildVocabularies(SENTENCES);
const encoded = withWordPieces(SENTENCES.map(makeEncoder(vocab)), SENTENCES.map((s) => s.tokens), tokenizer, { maxTokens: 64, stride: 8 });
const batch = makeBatch(encoded);

function tagger(decoderContext: DecoderContext): Tagger {
  const config = testTagger(vocab, { encoder: 'pretrained', dropout: 0 });
  return new Tagger({ ...config, pretrained: { training: { mode: 'frozen' }, aggregation: 'first', decoderContext } }, 7, { pretrained: checkpoint });
}

/** Each word's first-piece state [B, T, H] from HfEncoder passes over the given windows. */
async function firstPieceStates(encoder: HfEncoder, ids: Int32Array): Promise<number[][]> {
  const sub = batch.subwords!;
  const states = tf.tidy(() => encoder.forward({ inputIds: tf.tensor2d(ids, [sub.windows, sub.length], 'int32'), attentionMask: tf.tensor2d(sub.attentionMask, [sub.windows, sub.length]) }, false).reshape([sub.windows * sub.length, -1]));
  const rows = (await states.array()) as number[][];
  states.dispose();
  return Array.from({ length: batch.size * batch.maxLen }, (_, i) => rows[sub.pieceIndex[i * sub.pieces]]);
}

afterAll(() => useBackend('cpu'));

describe('decoder context in the tagger', () => {
  it.each(['causal', 'bidirectional', 'sentence+reverse'] as const)('%s', async (context) => {
    await useBackend('cpu');
    await expectNoLeaks(async () => {
      const t = tagger(context);
      const hidden = tf.tidy(() => t.forward(batch, false).hidden);
      const got = ((await hidden.array()) as number[][][]).flat();
      hidden.dispose();
      const plain = new HfEncoder(checkpoint, { attention: context === 'bidirectional' ? 'bidirectional' : 'causal' });
      const sub = batch.subwords!;
      let expected = await firstPieceStates(plain, sub.inputIds);
      if (context === 'sentence+reverse') {
        // Position k of the reversed windows holds token reverseIndex[k]: its state goes back there.
        const reversedIds = Int32Array.from(sub.reverseIndex!, (from) => sub.inputIds[from]);
        const s = tf.tidy(() => plain.forward({ inputIds: tf.tensor2d(reversedIds, [sub.windows, sub.length], 'int32'), attentionMask: tf.tensor2d(sub.attentionMask, [sub.windows, sub.length]) }, false).reshape([sub.windows * sub.length, -1]));
        const rows = (await s.array()) as number[][];
        s.dispose();
        const back: number[][] = [];
        sub.reverseIndex!.forEach((from, k) => (back[from] = rows[k]));
        expected = expected.map((row, i) => row.map((x, h) => (x + back[sub.pieceIndex[i * sub.pieces]][h]) / 2));
      }
      const mask = batch.mask;
      let worst = 0;
      got.forEach((row, i) => mask[i] && row.forEach((x, h) => (worst = Math.max(worst, Math.abs(x - expected[i][h])))));
      expect(worst).toBeLessThan(1e-5);
      plain.dispose();
      t.dispose();
    });
  });

  it('the three contexts differ: the causal state of a word ignores what follows it', async () => {
    await useBackend('cpu');
    const states = await Promise.all(
      (['causal', 'bidirectional', 'sentence+reverse'] as const).map(async (context) => {
        const t = tagger(context);
        const h = tf.tidy(() => t.forward(batch, false).hidden);
        const out = ((await h.array()) as number[][][])[0][0]; // 'John', first word of the first sentence
        h.dispose();
        t.dispose();
        return out;
      }),
    );
    const differs = (a: number[], b: number[]) => a.some((x, i) => Math.abs(x - b[i]) > 1e-3);
    expect(differs(states[0], states[1])).toBe(true);
    expect(differs(states[0], states[2])).toBe(true);
  });
});
