/**
 * @file The CRF log-likelihood op, fused: per sentence, the gold path's score minus the log partition.
 *
 * Semantics (those of crfLogLikelihood's unfused ops in ../crf.ts, which backends without the kernels run):
 *   emissions [B, T, K], labels int32 [B, T], mask [B, T] (real tokens first), transitions [K, K] (from i to j),
 *   start [K], end [K] (constraints already added: crf.ts constrainedScores) -> log p(labels) [B], <= 0; 0 for an
 *   empty sentence. Its gradient is dy_b (gold counts - marginals): node marginals for the emissions (and, at the
 *   first and last real token, for start and end), edge marginals for the transitions, from forward-backward.
 *
 * Kernels (any backend may register them; fused/webgpu/ has WebGPU's, fused/cpu/ wasm's and cpu's):
 *   NerCrfLogLikelihood      inputs emissions, labels, mask, transitions, start, end; attrs numLabels -> ll [B]
 *   NerCrfLogLikelihoodGrad  inputs dy [B] and the same -> [dEmissions, dTransitions, dStart, dEnd]
 */
import * as tf from '@tensorflow/tfjs';
import { registerFusedKernel } from './kernels';
import { crfFitsWebGpu, crfLogLikelihoodGradWebGpu, crfLogLikelihoodWebGpu } from './webgpu/crfKernels';
import { crfLogLikelihoodCpu, crfLogLikelihoodGradCpu } from './cpu/crfKernels';
import { CPU_BACKENDS } from './cpu/host';

export const CRF_LOG_LIKELIHOOD = 'NerCrfLogLikelihood';
export const CRF_LOG_LIKELIHOOD_GRAD = 'NerCrfLogLikelihoodGrad';
export const CRF_KERNELS = [CRF_LOG_LIKELIHOOD, CRF_LOG_LIKELIHOOD_GRAD];

registerFusedKernel(CRF_LOG_LIKELIHOOD, 'webgpu', crfLogLikelihoodWebGpu, crfFitsWebGpu);
registerFusedKernel(CRF_LOG_LIKELIHOOD_GRAD, 'webgpu', crfLogLikelihoodGradWebGpu);
for (const backend of CPU_BACKENDS) {
  registerFusedKernel(CRF_LOG_LIKELIHOOD, backend, crfLogLikelihoodCpu as unknown as tf.KernelFunc);
  registerFusedKernel(CRF_LOG_LIKELIHOOD_GRAD, backend, crfLogLikelihoodGradCpu as unknown as tf.KernelFunc);
}

/** The fused path; crf.ts crfLogLikelihood decides when it runs (useFusedKernels(CRF_KERNELS)). */
export function fusedCrfLogLikelihood(
  emissions: tf.Tensor3D,
  labels: tf.Tensor2D,
  mask: tf.Tensor2D,
  trans: tf.Tensor2D,
  start: tf.Tensor1D,
  end: tf.Tensor1D,
): tf.Tensor1D {
  const attrs = { numLabels: emissions.shape[2] };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [e, t, s, en] = args as tf.Tensor[];
    const scores = { emissions: e, labels, mask, transitions: t, start: s, end: en };
    const ll = tf.engine().runKernel(CRF_LOG_LIKELIHOOD, scores, attrs) as tf.Tensor;
    save([e, labels, mask, t, s, en]);
    return {
      value: ll,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [se, sl, sm, st, ss, sen] = saved;
        const inputs = { dy, emissions: se, labels: sl, mask: sm, transitions: st, start: ss, end: sen };
        return tf.engine().runKernel(CRF_LOG_LIKELIHOOD_GRAD, inputs, attrs) as tf.Tensor[];
      },
    };
  });
  return op(emissions, trans, start, end) as tf.Tensor1D;
}
