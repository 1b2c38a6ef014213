/**
 * @file `multitask`: auxiliary POS and chunk heads (linear, on the encoder's hidden states) trained from
 * the extra CoNLL columns: loss = ner_weight * NER + pos_weight * CE(POS) + chunk_weight * CE(chunk), where
 * NER is the CRF negative log-likelihood with the CRF on and token cross-entropy without, and each
 * auxiliary cross-entropy is averaged over the real tokens whose value is in the column's vocabulary.
 * The heads are variables 'loss.pos_head.kernel' / '.bias' and 'loss.chunk_head.*'; a head whose weight
 * is 0 is not created.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/matMul';
import { glorotValues } from '../layers/params';
import { tokenCrossEntropy } from './crossEntropy';
import { crfNll } from './tokenOps';
import type { LossFactory, LossInputs } from './types';

interface Head {
  task: 'pos' | 'chunk';
  weight: number;
  column: number;
  kernel: tf.Variable; // [H, V]
  bias: tf.Variable; // [V]
}

/** Cross-entropy of one auxiliary head over the real tokens with a known value in its column. */
function headLoss(head: Head, x: LossInputs): tf.Scalar {
  const { size: B, maxLen: T } = x.batch;
  const ids = x.batch.extra?.[head.column];
  if (!ids || !x.hidden) {
    throw new Error(`loss 'multitask': the batch has no ${ids ? 'hidden states' : `extra column ${head.column} (${head.task})`}`);
  }
  const valid = new Float32Array(B * T); // [B, T]: real token with a known value
  const targets = new Int32Array(B * T);
  for (let i = 0; i < B * T; i++) {
    valid[i] = ids[i] >= 0 && x.batch.mask[i] > 0 ? 1 : 0;
    targets[i] = Math.max(0, ids[i]);
  }
  const [, , H] = x.hidden.shape;
  const V = head.bias.shape[0];
  const logits = tf.add(matMul(x.hidden.reshape([B * T, H]), head.kernel), head.bias).reshape<tf.Tensor3D>([B, T, V]); // [B, T, V]
  return tokenCrossEntropy(logits, tf.tensor2d(targets, [B, T], 'int32'), tf.tensor2d(valid, [B, T]));
}

export const multitaskLoss: LossFactory = {
  create: (ctx) => {
    const p = ctx.params;
    const H = ctx.hiddenDim;
    const heads: Head[] = [];
    for (const task of ['pos', 'chunk'] as const) {
      const weight = p[`${task}_weight`] as number;
      const column = p[`${task}_column`] as number;
      if (weight === 0) continue;
      const V = ctx.data.extraSizes[column];
      const kernel = ctx.variable(`${task}_head.kernel`, [H, V], glorotValues(H, V, ctx.rng));
      const bias = ctx.variable(`${task}_head.bias`, [V], new Float32Array(V));
      heads.push({ task, weight, column, kernel, bias });
    }
    const nerWeight = p.ner_weight as number;
    return {
      variables: heads.flatMap((h) => [h.kernel, h.bias]),
      compute: (x) => {
        let total: tf.Scalar = tf.scalar(0);
        if (nerWeight > 0) total = tf.mul(nerWeight, ctx.crf ? crfNll(x) : tokenCrossEntropy(x.emissions, x.labels, x.mask));
        for (const head of heads) total = tf.add(total, tf.mul(head.weight, headLoss(head, x)));
        return total;
      },
    };
  },
};
