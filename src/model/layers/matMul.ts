/**
 * @file matMul whose gradient transposes explicitly. tf.matMul's own gradient multiplies with
 * transposeA/transposeB set, which tfjs-backend-wasm 4.22 runs on a slow path (about 12x slower
 * than transpose + plain matMul for a [960, 400]^T x [960, 130] product), and the backward
 * pass of the BiLSTM is mostly such products.
 */
import * as tf from '@tensorflow/tfjs';

const matMulExplicitGrad = tf.customGrad((a, b, save) => {
  const [x, w] = [a, b] as tf.Tensor2D[];
  (save as tf.GradSaveFunc)([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sw)), tf.matMul(tf.transpose(sx), dy as tf.Tensor2D)];
    },
  };
});

/** [M, K] x [K, N] -> [M, N], differentiable in both operands (variables included). */
export function matMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return matMulExplicitGrad(a, b) as tf.Tensor2D;
}

const batchMatMulExplicitGrad = tf.customGrad((a, b, save) => {
  const [x, w] = [a, b] as tf.Tensor3D[];
  (save as tf.GradSaveFunc)([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as tf.Tensor3D[];
      const g = dy as tf.Tensor3D;
      return [tf.matMul(g, tf.transpose(sw, [0, 2, 1])), tf.matMul(tf.transpose(sx, [0, 2, 1]), g)];
    },
  };
});

/** [N, M, K] x [N, K, P] -> [N, M, P], one product per leading index (attention's scores and mixing). */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return batchMatMulExplicitGrad(a, b) as tf.Tensor3D;
}

/**
 * [M, K] x [K, N] -> [M, N] for a weight that does not train (a frozen or LoRA-adapted encoder):
 * the gradient flows to `a` only, so the backward pass skips the weight's product (a third of it).
 */
export function matMulFixedWeight(a: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  // A variable outlives the backward pass as it is; anything else made inside the forward pass's tidy
  // is kept for it (saving a variable too would copy it on wasm, whose clone copies).
  const kept = w instanceof tf.Variable;
  const product = tf.customGrad((x, save) => {
    if (!kept) (save as tf.GradSaveFunc)([w]);
    return {
      value: tf.matMul(x as tf.Tensor2D, w),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        // The transposed copy goes at once: over a frozen model's every layer they would add up to its size again.
        const transposed = tf.transpose((kept ? w : saved[0]) as tf.Tensor2D);
        const dx = tf.matMul(dy as tf.Tensor2D, transposed);
        transposed.dispose();
        return dx;
      },
    };
  });
  return product(a) as tf.Tensor2D;
}
