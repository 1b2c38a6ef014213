/**
 * @file Gradient clipping by global norm (Pascanu et al. 2013, as torch.nn.utils.clip_grad_norm_):
 * all gradients are scaled by one factor so that their joint L2 norm is at most maxNorm. It stays
 * on the device: the norm is a tensor, read only along with the loss (one sync point per step).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * The sum of many tensors as a tree of pairwise adds. Not tf.addN: on webgpu it binds every input
 * as a storage buffer, and a device allows only 8 per shader stage by default (seen with Dawn:
 * 14 gradients gave an invalid pipeline and garbage, not an exception).
 */
export function sumAll(xs: tf.Tensor[]): tf.Tensor {
  if (xs.length === 0) return tf.scalar(0);
  let level = xs;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? tf.add(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

/** sqrt(sum over every gradient of its squared entries). */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(sumAll(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}

/**
 * Scaled copies of `grads` whose global norm is min(norm, maxNorm), and the norm before clipping.
 * maxNorm <= 0 means no clipping (the copies equal the inputs). The caller disposes the outputs.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: tf.Scalar } {
  return tf.tidy(() => {
    const norm = globalNorm(grads);
    if (!(maxNorm > 0)) return { grads: grads.map((g) => g.clone()), norm };
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm)); // 1 when already inside the ball
    return { grads: grads.map((g) => tf.mul(g, scale)), norm };
  });
}
