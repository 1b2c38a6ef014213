/**
 * @file WGSL of the fused CRF (semantics in ../crfLikelihood.ts and ../viterbi.ts). One workgroup per sentence with
 * one invocation per label runs the forward algorithm (log-likelihood), forward-backward (alpha and beta for the
 * marginals); the gradients of the emissions, transitions, start and end scores are then one short
 * dispatch each. Sentences have their real tokens first; n is a sentence's count of them.
 */
import { flatProgram, gridProgram } from './program';

export const key = (kind: string, K: number) => `crf_${kind}_${K}`;

/** lse over i of (vec[i] + trans[i * K + j]) for label j, as layers/reductions.ts logSumExp computes it. */
const lseInto = (K: number, vec: string) => /* wgsl */ `
  fn lseInto(j : i32) -> f32 {
    var mx = ${vec}[0] + transitions[j];
    for (var i = 1; i < ${K}; i++) { mx = max(mx, ${vec}[i] + transitions[i * ${K} + j]); }
    var sum = 0.0;
    for (var i = 0; i < ${K}; i++) { sum += exp(${vec}[i] + transitions[i * ${K} + j] - mx); }
    return log(sum) + mx;
  }
`;

/** The real tokens of sentence b (a prefix). */
export const LENGTH = /* wgsl */ `
  fn sentenceLength(b : i32, T : i32) -> i32 {
    var n = 0;
    for (var t = 0; t < T; t++) { if (mask[b * T + t] > 0.0) { n = t + 1; } }
    return n;
  }
`;

/** ll [B]: gold path score minus log partition, 0 for an empty sentence. */
export function logLikelihoodProgram(K: number, B: number) {
  return gridProgram({
    key: key('ll', K),
    inputs: ['emissions', 'labels', 'mask', 'transitions', 'start', 'end'],
    outputShape: [B],
    grid: [B, 1, 1],
    threads: K,
    code: `
      var<workgroup> alpha : array<f32, ${K}>;
      ${lseInto(K, 'alpha')}
      ${LENGTH}
      fn main() {
        let b = i32(workgroupId.x);
        let j = i32(localId.x);
        let T = uniforms.maskShape.y;
        var a = start[j] + emissions[b * T * ${K} + j];
        alpha[j] = a;
        workgroupBarrier();
        for (var t = 1; t < T; t++) {
          let next = lseInto(j) + emissions[(b * T + t) * ${K} + j];
          a = a + mask[b * T + t] * (next - a); // a padded step keeps alpha
          workgroupBarrier();
          alpha[j] = a;
          workgroupBarrier();
        }
        if (j == 0) {
          let n = sentenceLength(b, T);
          var mx = alpha[0] + end[0];
          for (var i = 1; i < ${K}; i++) { mx = max(mx, alpha[i] + end[i]); }
          var sum = 0.0;
          for (var i = 0; i < ${K}; i++) { sum += exp(alpha[i] + end[i] - mx); }
          let logZ = log(sum) + mx;
          var gold = 0.0;
          if (n > 0) {
            var prev = labels[b * T];
            gold = start[prev] + emissions[b * T * ${K} + prev];
            for (var t = 1; t < n; t++) {
              let y = labels[b * T + t];
              gold += emissions[(b * T + t) * ${K} + y] + transitions[prev * ${K} + y];
              prev = y;
            }
            gold += end[prev];
            result[b] = gold - logZ;
          } else {
            result[b] = 0.0;
          }
        }
      }`,
  });
}

/**
 * Forward-backward: [B, T + 1, 2K], row t < n holding alpha_t then beta_t (zeros at padding), row T holding
 * log Z and n. alpha_t(j): log-sum of the scores of the prefixes ending in j at t; beta_t(i): of the suffixes after i.
 */
export function forwardBackwardProgram(K: number, B: number, T: number) {
  const R = 2 * K;
  return gridProgram({
    key: key('fb', K),
    inputs: ['emissions', 'mask', 'transitions', 'start', 'end'],
    outputShape: [B, T + 1, R],
    grid: [B, 1, 1],
    threads: K,
    code: `
      var<workgroup> vec : array<f32, ${K}>;
      ${lseInto(K, 'vec')}
      ${LENGTH}
      fn main() {
        let b = i32(workgroupId.x);
        let j = i32(localId.x);
        let T = uniforms.maskShape.y;
        let n = sentenceLength(b, T);
        let base = b * (T + 1) * ${R};
        for (var t = n; t < T; t++) { result[base + t * ${R} + j] = 0.0; result[base + t * ${R} + ${K} + j] = 0.0; }
        var a = start[j] + emissions[b * T * ${K} + j];
        vec[j] = a;
        result[base + j] = a;
        workgroupBarrier();
        for (var t = 1; t < T; t++) {
          let next = lseInto(j) + emissions[(b * T + t) * ${K} + j];
          workgroupBarrier();
          if (t < n) { vec[j] = next; result[base + t * ${R} + j] = next; }
          workgroupBarrier();
        }
        // log Z from alpha at the last real token (vec holds it).
        var mx = vec[0] + end[0];
        for (var i = 1; i < ${K}; i++) { mx = max(mx, vec[i] + end[i]); }
        var sum = 0.0;
        for (var i = 0; i < ${K}; i++) { sum += exp(vec[i] + end[i] - mx); }
        let logZ = log(sum) + mx;
        workgroupBarrier();
        // beta, from the last real token back: beta_{n-1} = end; beta_t(i) = lse_j(trans[i, j] + e_{t+1}(j) + beta_{t+1}(j)).
        var bt = end[j];
        vec[j] = bt + emissions[(b * T + max(n - 1, 0)) * ${K} + j];
        if (n > 0) { result[base + (n - 1) * ${R} + ${K} + j] = bt; }
        workgroupBarrier();
        for (var s = 1; s < T; s++) {
          let t = n - 1 - s;
          var mxb = transitions[j * ${K}] + vec[0];
          for (var k = 1; k < ${K}; k++) { mxb = max(mxb, transitions[j * ${K} + k] + vec[k]); }
          var sb = 0.0;
          for (var k = 0; k < ${K}; k++) { sb += exp(transitions[j * ${K} + k] + vec[k] - mxb); }
          bt = log(sb) + mxb;
          workgroupBarrier();
          if (t >= 0) {
            vec[j] = bt + emissions[(b * T + t) * ${K} + j];
            result[base + t * ${R} + ${K} + j] = bt;
          }
          workgroupBarrier();
        }
        if (j == 0) { result[base + T * ${R}] = logZ; result[base + T * ${R} + 1] = f32(n); }
        for (var i = j + 2; i < ${R}; i += ${K}) { result[base + T * ${R} + i] = 0.0; }
      }`,
  });
}

/** d ll / d emissions [B, T, K] = dy_b (gold one-hot - node marginal) at real tokens, 0 at padding. */
export function emissionsGradProgram(K: number, B: number, T: number) {
  const R = 2 * K;
  return flatProgram({
    key: key('de', K),
    inputs: ['fb', 'labels', 'dy'],
    outputShape: [B, T, K],
    code: `fn main(index : i32) {
      if (index < uniforms.size) {
        let T = uniforms.labelsShape.y;
        let j = index % ${K};
        let bt = index / ${K};
        let b = bt / T;
        let t = bt % T;
        let base = b * (T + 1) * ${R};
        let n = i32(fb[base + T * ${R} + 1]);
        var g = 0.0;
        if (t < n) {
          let logZ = fb[base + T * ${R}];
          let p = exp(fb[base + t * ${R} + j] + fb[base + t * ${R} + ${K} + j] - logZ);
          var gold = 0.0;
          if (labels[b * T + t] == j) { gold = 1.0; }
          g = dy[b] * (gold - p);
        }
        result[index] = g;
      }
    }`,
  });
}

/**
 * d ll / d transitions [K, K]: over every sentence and pair of real tokens, dy_b (gold pair count - edge marginal).
 * One workgroup per (i, j), 64 invocations over the (sentence, step) pairs, summed in workgroup memory.
 */
export function transitionsGradProgram(K: number) {
  const R = 2 * K;
  return gridProgram({
    key: key('dt', K),
    inputs: ['fb', 'emissions', 'transitions', 'labels', 'dy'],
    outputShape: [K, K],
    grid: [K * K, 1, 1],
    threads: 64,
    code: `
      var<workgroup> partial : array<f32, 64>;
      fn main() {
        let i = i32(workgroupId.x) / ${K};
        let j = i32(workgroupId.x) % ${K};
        let lane = i32(localId.x);
        let B = uniforms.labelsShape.x;
        let T = uniforms.labelsShape.y;
        let score = transitions[i * ${K} + j];
        var sum = 0.0;
        for (var p = lane; p < B * T; p += 64) {
          let b = p / T;
          let t = p % T;
          let base = b * (T + 1) * ${R};
          let n = i32(fb[base + T * ${R} + 1]);
          if (t >= 1 && t < n) {
            let logZ = fb[base + T * ${R}];
            let xi = exp(fb[base + (t - 1) * ${R} + i] + score + emissions[(b * T + t) * ${K} + j] + fb[base + t * ${R} + ${K} + j] - logZ);
            var gold = 0.0;
            if (labels[b * T + t - 1] == i && labels[b * T + t] == j) { gold = 1.0; }
            sum += dy[b] * (gold - xi);
          }
        }
        partial[lane] = sum;
        workgroupBarrier();
        for (var w = 32; w > 0; w = w / 2) {
          if (lane < w) { partial[lane] += partial[lane + w]; }
          workgroupBarrier();
        }
        if (lane == 0) { result[i * ${K} + j] = partial[0]; }
      }`,
  });
}

/** d ll / d start [K] (which = 'first') or d ll / d end [K] ('last'): the emission gradients at that token, summed. */
export function boundaryGradProgram(K: number, which: 'first' | 'last') {
  const R = 2 * K;
  const at = which === 'first' ? '0' : 'n - 1';
  return flatProgram({
    key: key(which, K),
    inputs: ['de', 'fb'],
    outputShape: [K],
    code: `fn main(index : i32) {
      if (index < uniforms.size) {
        let B = uniforms.deShape.x;
        let T = uniforms.deShape.y;
        var sum = 0.0;
        for (var b = 0; b < B; b++) {
          let n = i32(fb[b * (T + 1) * ${R} + T * ${R} + 1]);
          if (n > 0) { sum += de[(b * T + ${at}) * ${K} + index]; }
        }
        result[index] = sum;
      }
    }`,
  });
}
