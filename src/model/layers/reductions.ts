/**
 * @file max and logSumExp over one axis, with gradients written without comparison ops.
 * tfjs' own gradients for both use tf.equal, and comparisons (and tile) are slow on
 * tfjs-backend-wasm 4.22 (about 50 ms for a [960, 10, 30] equal against 2 ms for a subtract),
 * which made the char CNN's max and the CRF's forward algorithm the slowest part of a step.
 */
import * as tf from '@tensorflow/tfjs';

/** Shape of x with `axis` kept as size 1, for broadcasting a reduced tensor back. */
function keptShape(shape: number[], axis: number): number[] {
  return shape.map((d, i) => (i === axis ? 1 : d));
}

function positiveAxis(x: tf.Tensor, axis: number): number {
  return axis < 0 ? x.rank + axis : axis;
}

/** max over `axis`; the gradient goes to every position equal to the max (as tf.max's does). */
export function maxOverAxis<T extends tf.Tensor>(x: tf.Tensor, axis: number): T {
  const ax = positiveAxis(x, axis);
  const op = tf.customGrad((input, save) => {
    const xs = input as tf.Tensor;
    const value = tf.max(xs, ax);
    (save as tf.GradSaveFunc)([xs, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, [sx, sv]: tf.Tensor[]) => {
        const shape = keptShape(sx.shape, ax);
        // 1 where x equals the max: max - x is 0 there and positive elsewhere.
        const isMax = tf.sub(1, tf.step(tf.sub(sv.reshape(shape), sx)));
        return tf.mul(dy.reshape(shape), isMax);
      },
    };
  });
  return op(x) as T;
}

/** log(sum(exp(x))) over `axis`, stable; the gradient is the softmax over that axis. */
export function logSumExp<T extends tf.Tensor>(x: tf.Tensor, axis: number): T {
  const ax = positiveAxis(x, axis);
  const op = tf.customGrad((input, save) => {
    const xs = input as tf.Tensor;
    const shape = keptShape(xs.shape, ax);
    const m = tf.max(xs, ax, true);
    const value = tf.add(tf.log(tf.sum(tf.exp(tf.sub(xs, m)), ax)), m.reshape(m.shape.filter((_, i) => i !== ax)));
    (save as tf.GradSaveFunc)([xs, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, [sx, sv]: tf.Tensor[]) => tf.mul(dy.reshape(shape), tf.exp(tf.sub(sx, sv.reshape(shape)))),
    };
  });
  return op(x) as T;
}
