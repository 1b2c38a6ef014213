/**
 * @file The embedding lookup op: rows of a table picked by ids known on the host.
 *
 * Semantics: table [V, D], ids [N] (each in [0, V)) -> [N, D], row i being table[ids[i]]. The gradient of the table
 * is the sum of dy's rows per id. Unfused: tf.gather, whose gradient (UnsortedSegmentSum) adds the rows of a
 * repeated id with atomics on webgpu, in whatever order the GPU runs, so seeded runs would not repeat bit for bit.
 *
 * Kernel (any backend may register it; fused/webgpu/ has WebGPU's):
 *   NerEmbeddingGrad  inputs dy [N, D], order int32 [N] (positions sorted by id, stably), offsets int32 [V + 1]
 *                     (where each id's positions start in order); attrs vocabSize -> [V, D], each row summed in
 *                     ascending position. The forward pass stays tf.gather.
 */
import * as tf from '@tensorflow/tfjs';
import { registerFusedKernel, useFusedKernels } from './kernels';
import { embeddingGradWebGpu } from './webgpu/denseKernels';

export const EMBEDDING_GRAD = 'NerEmbeddingGrad';

registerFusedKernel(EMBEDDING_GRAD, 'webgpu', embeddingGradWebGpu);

/** Positions grouped by id (a counting sort): the kernel's `order` and `offsets`. */
export function positionsById(ids: Int32Array, V: number): { order: Int32Array; offsets: Int32Array } {
  const offsets = new Int32Array(V + 1);
  for (const id of ids) offsets[id + 1]++;
  for (let v = 0; v < V; v++) offsets[v + 1] += offsets[v];
  const next = offsets.slice(0, V);
  const order = new Int32Array(ids.length);
  ids.forEach((id, i) => (order[next[id]++] = i));
  return { order, offsets };
}

/** table [V, D], ids [N] -> [N, D]. */
export function embeddingLookup(table: tf.Tensor2D, ids: Int32Array): tf.Tensor2D {
  const V = table.shape[0];
  for (const id of ids) if (!(id >= 0 && id < V)) throw new Error(`embedding id ${id} is outside the table's ${V} rows`);
  const idTensor = tf.tensor1d(ids, 'int32');
  if (!useFusedKernels([EMBEDDING_GRAD])) return tf.gather(table, idTensor) as tf.Tensor2D;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t] = args as tf.Tensor[];
    return {
      value: tf.gather(t, idTensor),
      gradFunc: (dy: tf.Tensor) => {
        const { order, offsets } = positionsById(ids, V);
        const inputs = { dy, order: tf.tensor1d(order, 'int32'), offsets: tf.tensor1d(offsets, 'int32') };
        return tf.engine().runKernel(EMBEDDING_GRAD, inputs, { vocabSize: V }) as tf.Tensor;
      },
    };
  });
  return op(table) as tf.Tensor2D;
}
