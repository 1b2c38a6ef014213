/**
 * @file Gradient clipping by global norm (Pascanu et al. 2013, as torch.nn.utils.clip_grad_norm_):
 * all gradients are scaled by one factor so that their joint L2 norm is at most maxNorm. It stays
 * on the device: the norm is a tensor, read only along with the loss (one sync point per step). The norm is
 * the global-norm op (model/fused/globalNorm.ts: a few dispatches on webgpu); the training step hands it to the
 * optimiser, which scales inside its update (clipByNorm here, or the fused update ops).
 */
import * as tf from '@tensorflow/tfjs';
import { globalNorm, sumAll } from '../model/fused/globalNorm';

export { globalNorm, sumAll };

/** `grads` scaled by maxNorm / max(norm, maxNorm): 1 when already inside the ball. The caller disposes the outputs. */
export function clipByNorm(grads: tf.Tensor[], norm: tf.Scalar, maxNorm: number): tf.Tensor[] {
  return tf.tidy(() => {
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
}

/**
 * Scaled copies of `grads` whose global norm is min(norm, maxNorm), and the norm before clipping.
 * maxNorm <= 0 means no clipping (the copies equal the inputs). The caller disposes the outputs.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: tf.Scalar } {
  return tf.tidy(() => {
    const norm = globalNorm(grads);
    if (!(maxNorm > 0)) return { grads: grads.map((g) => g.clone()), norm };
    return { grads: clipByNorm(grads, norm, maxNorm), norm };
  });
}
