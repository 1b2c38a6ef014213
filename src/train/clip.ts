/**
 * @file Gradient clipping by global norm (Pascanu et al. 2013, as torch.nn.utils.clip_grad_norm_):
 * all gradients are scaled by one factor so that their joint L2 norm is at most maxNorm. It stays
 * on the device: the norm is a tensor, read only along with the loss (one sync point per step).
 */
import * as tf from '@tensorflow/tfjs';

/** sqrt(sum over every gradient of its squared entries). */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
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
