/**
 * @file The fused CRF log-likelihood's kernels for the CPU backends (wasm, cpu); contract in ../crfLikelihood.ts.
 * Per sentence, the forward algorithm (and for the gradient, backward too) in plain loops, in float64, over its real
 * tokens only: [T, K] x K work with no tfjs op per time step. Ties and constraints need nothing special here: the
 * scores come in with the constraints already added.
 */
import type * as tf from '@tensorflow/tfjs';
import { hostOf, type CpuHost } from './host';

type Inputs = Record<string, tf.TensorInfo>;
interface KernelArgs {
  inputs: Inputs;
  backend: unknown;
  attrs: Record<string, number>;
}

interface Scores {
  B: number;
  T: number;
  K: number;
  e: Float32Array; // [B, T, K]
  labels: Int32Array; // [B, T]
  lengths: number[];
  trans: Float32Array; // [K(from), K(to)]
  start: Float32Array;
  end: Float32Array;
}

function scoresOf(host: CpuHost, inputs: Inputs): Scores {
  const [B, T, K] = inputs.emissions.shape;
  const mask = host.read(inputs.mask);
  // Real tokens come first: a sentence's length is its count of real tokens.
  const lengths = Array.from({ length: B }, (_, b) => {
    let n = 0;
    for (let t = 0; t < T; t++) if (mask[b * T + t] > 0) n++;
    return n;
  });
  const [e, labels, trans, start, end] = [host.read(inputs.emissions), host.readInt(inputs.labels), host.read(inputs.transitions), host.read(inputs.start), host.read(inputs.end)];
  return { B, T, K, e, labels, lengths, trans, start, end };
}

function logSumExp(xs: Float64Array, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (xs[i] > max) max = xs[i];
  if (max === -Infinity) return max;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(xs[i] - max);
  return max + Math.log(sum);
}

/** alpha [L, K] of sentence b (log space): alpha[0] = start + e_0; alpha[t, j] = lse_i(alpha[t-1, i] + trans[i, j]) + e_t[j]. */
function forwardScores(s: Scores, b: number, alpha: Float64Array, tmp: Float64Array): void {
  const { T, K, e, trans, start } = s;
  const L = s.lengths[b];
  const eo = b * T * K;
  for (let j = 0; j < K; j++) alpha[j] = start[j] + e[eo + j];
  for (let t = 1; t < L; t++) {
    for (let j = 0; j < K; j++) {
      for (let i = 0; i < K; i++) tmp[i] = alpha[(t - 1) * K + i] + trans[i * K + j];
      alpha[t * K + j] = logSumExp(tmp, K) + e[eo + t * K + j];
    }
  }
}

/** The gold path's score of sentence b, with at least one token. */
function goldScore(s: Scores, b: number): number {
  const { T, K, e, labels, trans, start, end } = s;
  const L = s.lengths[b];
  let y = labels[b * T];
  let score = start[y] + e[b * T * K + y];
  for (let t = 1; t < L; t++) {
    const next = labels[b * T + t];
    score += trans[y * K + next] + e[(b * T + t) * K + next];
    y = next;
  }
  return score + end[y];
}

function logPartition(s: Scores, b: number, alpha: Float64Array, tmp: Float64Array): number {
  const { K, end } = s;
  const last = s.lengths[b] - 1;
  for (let j = 0; j < K; j++) tmp[j] = alpha[last * K + j] + end[j];
  return logSumExp(tmp, K);
}

export function crfLogLikelihoodCpu({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const host = hostOf(backend);
  const out = host.make([inputs.emissions.shape[0]]);
  const s = scoresOf(host, inputs);
  const ll = host.read(out);
  const alpha = new Float64Array(s.T * s.K);
  const tmp = new Float64Array(s.K);
  for (let b = 0; b < s.B; b++) {
    if (s.lengths[b] === 0) continue; // an empty sentence has one (empty) path: log-likelihood 0
    forwardScores(s, b, alpha, tmp);
    ll[b] = goldScore(s, b) - logPartition(s, b, alpha, tmp);
  }
  return out;
}

/**
 * dy_b (gold counts - marginals): node marginals for the emissions (and at the first and last tokens for start and
 * end), edge marginals for the transitions, by forward-backward.
 */
export function crfLogLikelihoodGradCpu({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const host = hostOf(backend);
  const [B, T, K] = inputs.emissions.shape;
  const outs = [host.make([B, T, K]), host.make([K, K]), host.make([K]), host.make([K])];
  const s = scoresOf(host, inputs);
  const dy = host.read(inputs.dy);
  const [dE, dTrans, dStart, dEnd] = outs.map((o) => host.read(o));
  const { e, trans, labels } = s;
  const alpha = new Float64Array(T * K);
  const beta = new Float64Array(T * K);
  const tmp = new Float64Array(K);
  for (let b = 0; b < B; b++) {
    const L = s.lengths[b];
    const g = dy[b];
    if (L === 0 || g === 0) continue;
    forwardScores(s, b, alpha, tmp);
    const logZ = logPartition(s, b, alpha, tmp);
    // beta[t, i] = lse_j(trans[i, j] + e_{t+1}[j] + beta[t+1, j]); beta[L-1] = end.
    for (let i = 0; i < K; i++) beta[(L - 1) * K + i] = s.end[i];
    for (let t = L - 2; t >= 0; t--) {
      for (let i = 0; i < K; i++) {
        for (let j = 0; j < K; j++) tmp[j] = trans[i * K + j] + e[(b * T + t + 1) * K + j] + beta[(t + 1) * K + j];
        beta[t * K + i] = logSumExp(tmp, K);
      }
    }
    for (let t = 0; t < L; t++) {
      const row = (b * T + t) * K;
      for (let j = 0; j < K; j++) {
        const p = Math.exp(alpha[t * K + j] + beta[t * K + j] - logZ);
        dE[row + j] -= g * p;
        if (t === 0) dStart[j] -= g * p;
        if (t === L - 1) dEnd[j] -= g * p;
      }
      if (t > 0) {
        for (let i = 0; i < K; i++) {
          for (let j = 0; j < K; j++) {
            const p = Math.exp(alpha[(t - 1) * K + i] + trans[i * K + j] + e[row + j] + beta[t * K + j] - logZ);
            dTrans[i * K + j] -= g * p;
          }
        }
      }
    }
    // Gold counts.
    let y = labels[b * T];
    dStart[y] += g;
    dE[b * T * K + y] += g;
    for (let t = 1; t < L; t++) {
      const next = labels[b * T + t];
      dTrans[y * K + next] += g;
      dE[(b * T + t) * K + next] += g;
      y = next;
    }
    dEnd[y] += g;
  }
  return outs;
}
