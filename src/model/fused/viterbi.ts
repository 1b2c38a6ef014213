/**
 * @file The CRF decoding op: the best label path of every sentence of a batch, as one op.
 *
 * Semantics (those of core/decode/viterbi.ts, which backends without the kernel run after one read of the scores):
 *   emissions [B, T, K], lengths (real tokens first), transitions [K, K] (from i to j), start [K], end [K] with the
 *   constraints already added -> one path per sentence, trimmed to its length (empty for length 0); ties go to the
 *   lowest label. The kernel keeps scores in float32 where the TypeScript decoder uses float64, so two paths whose
 *   scores differ by less than float32 rounding may be told apart differently.
 *
 * Kernel (any backend may register it; fused/webgpu/ has WebGPU's):
 *   NerCrfViterbi  inputs emissions, mask [B, T], transitions, start, end; attrs numLabels
 *                  -> int32 [B, T, K + 1]: [b, t, 0] the path's label (0 at padding), [b, t, 1 + j] back-pointers.
 */
import * as tf from '@tensorflow/tfjs';
import { viterbiDecode } from '../../core/decode/viterbi';
import { registerFusedKernel, useFusedKernels } from './kernels';
import { crfFitsWebGpu, crfViterbiWebGpu } from './webgpu/crfKernels';

export const CRF_VITERBI = 'NerCrfViterbi';

registerFusedKernel(CRF_VITERBI, 'webgpu', crfViterbiWebGpu, crfFitsWebGpu);

/** Best paths; one read from the device either way (sync point). The caller keeps its tensors. */
export async function viterbiPaths(emissions: tf.Tensor3D, lengths: number[], trans: tf.Tensor2D, start: tf.Tensor1D, end: tf.Tensor1D): Promise<number[][]> {
  const [B, T, K] = emissions.shape;
  if (lengths.length !== B || lengths.some((n) => !Number.isInteger(n) || n < 0 || n > T)) throw new Error(`viterbiPaths: lengths must be ${B} whole numbers in [0, ${T}]`);
  if (useFusedKernels([CRF_VITERBI], { numLabels: K })) {
    const mask = new Float32Array(B * T);
    lengths.forEach((n, b) => mask.fill(1, b * T, b * T + n));
    const out = tf.tidy(() => {
      const inputs = { emissions, mask: tf.tensor2d(mask, [B, T]), transitions: trans, start, end };
      return tf.engine().runKernel(CRF_VITERBI, inputs, { numLabels: K }) as tf.Tensor;
    });
    const best = (await out.data()) as Int32Array; // sync point: the paths, with back-pointers
    out.dispose();
    return lengths.map((n, b) => Array.from({ length: n }, (_, t) => best[(b * T + t) * (K + 1)]));
  }
  const flat = tf.tidy(() => tf.concat([emissions.reshape([B * T * K]), trans.reshape([K * K]), start, end]));
  const values = (await flat.data()) as Float32Array; // sync point: scores, decoded on the CPU
  flat.dispose();
  let at = B * T * K;
  const take = (n: number) => values.subarray(at, (at += n));
  return viterbiDecode(values.subarray(0, B * T * K), B, T, K, lengths, take(K * K), take(K), take(K));
}
