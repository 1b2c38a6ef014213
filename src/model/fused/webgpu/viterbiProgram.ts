/** @file WGSL of the Viterbi kernel (semantics in ../viterbi.ts): one workgroup per sentence, one invocation per label. */
import { gridProgram } from './program';
import { key, LENGTH } from './crfPrograms';

/**
 * Viterbi: [B, T, K + 1] int32; [b, t, 0] is the best path's label (0 at padding), [b, t, 1 + j] the best previous
 * label of j at t. Ties go to the lowest label, as core/decode/viterbi.ts breaks them.
 */
export function viterbiProgram(K: number, B: number, T: number) {
  const R = K + 1;
  return gridProgram({
    key: key('vit', K),
    inputs: ['emissions', 'mask', 'transitions', 'start', 'end'],
    outputShape: [B, T, R],
    grid: [B, 1, 1],
    threads: K,
    code: `
      var<workgroup> score : array<f32, ${K}>;
      ${LENGTH}
      fn main() {
        let b = i32(workgroupId.x);
        let j = i32(localId.x);
        let T = uniforms.maskShape.y;
        let n = sentenceLength(b, T);
        let base = b * T * ${R};
        for (var t = 0; t < T; t++) { result[base + t * ${R} + 1 + j] = 0; }
        score[j] = start[j] + emissions[b * T * ${K} + j];
        workgroupBarrier();
        for (var t = 1; t < T; t++) {
          var best = score[0] + transitions[j];
          var arg = 0;
          for (var i = 1; i < ${K}; i++) {
            let s = score[i] + transitions[i * ${K} + j];
            if (s > best) { best = s; arg = i; }
          }
          workgroupBarrier();
          if (t < n) {
            score[j] = best + emissions[(b * T + t) * ${K} + j];
            result[base + t * ${R} + 1 + j] = arg;
          }
          workgroupBarrier();
        }
        storageBarrier();
        workgroupBarrier();
        if (j == 0) {
          for (var t = 0; t < T; t++) { result[base + t * ${R}] = 0; }
          if (n > 0) {
            var last = 0;
            var best = score[0] + end[0];
            for (var k = 1; k < ${K}; k++) {
              let s = score[k] + end[k];
              if (s > best) { best = s; last = k; }
            }
            result[base + (n - 1) * ${R}] = last;
            for (var t = n - 1; t > 0; t--) {
              last = result[base + t * ${R} + 1 + last];
              result[base + (t - 1) * ${R}] = last;
            }
          }
        }
      }`,
  });
}
