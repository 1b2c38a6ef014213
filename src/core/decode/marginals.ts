/**
 * @file Per-token label probabilities for one sentence, in plain TypeScript: forward-backward for a
 * linear-chain CRF, softmax for a plain head. They give each predicted entity a confidence.
 */
import type { Span } from '../types';

function logSumExp(xs: Float64Array): number {
  let m = -Infinity;
  for (const x of xs) m = Math.max(m, x);
  if (m === -Infinity) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/**
 * P(y_t = k | x) under the CRF, for a sentence of n tokens.
 * @param emissions [n, K] row-major
 * @returns [n, K] row-major probabilities
 */
export function crfMarginals(emissions: Float32Array, n: number, K: number, transitions: Float32Array, start: Float32Array, end: Float32Array): Float64Array {
  const alpha = new Float64Array(n * K); // log sum over prefixes ending in k at t
  const beta = new Float64Array(n * K); // log sum over suffixes starting after k at t
  const tmp = new Float64Array(K);
  for (let k = 0; k < K; k++) alpha[k] = start[k] + emissions[k];
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < K; j++) {
      for (let i = 0; i < K; i++) tmp[i] = alpha[(t - 1) * K + i] + transitions[i * K + j];
      alpha[t * K + j] = logSumExp(tmp) + emissions[t * K + j];
    }
  }
  for (let k = 0; k < K; k++) beta[(n - 1) * K + k] = end[k];
  for (let t = n - 2; t >= 0; t--) {
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) tmp[j] = transitions[i * K + j] + emissions[(t + 1) * K + j] + beta[(t + 1) * K + j];
      beta[t * K + i] = logSumExp(tmp);
    }
  }
  for (let k = 0; k < K; k++) tmp[k] = alpha[(n - 1) * K + k] + end[k];
  const logZ = logSumExp(tmp);
  const out = new Float64Array(n * K);
  for (let i = 0; i < n * K; i++) out[i] = Math.exp(alpha[i] + beta[i] - logZ);
  return out;
}

/** Softmax over labels per token: the marginals of a head without a CRF. */
export function softmaxMarginals(emissions: Float32Array, n: number, K: number): Float64Array {
  const out = new Float64Array(n * K);
  const row = new Float64Array(K);
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < K; k++) row[k] = emissions[t * K + k];
    const z = logSumExp(row);
    for (let k = 0; k < K; k++) out[t * K + k] = Math.exp(row[k] - z);
  }
  return out;
}

/** An entity's confidence: the mean marginal probability of its predicted tags. */
export function spanConfidence(span: Span, path: number[], marginals: Float64Array, K: number): number {
  let s = 0;
  for (let t = span.start; t < span.end; t++) s += marginals[t * K + path[t]];
  return s / Math.max(1, span.end - span.start);
}
