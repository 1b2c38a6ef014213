/**
 * @file WGSL of the fused optimiser updates and the gradients' global norm (semantics in ../optimizer.ts and
 * ../globalNorm.ts). An update is two flat dispatches per variable, the new moments and the new value, because a
 * tfjs program writes one tensor; both recompute the moments from the same inputs with the same float32 operations
 * as tf.train's optimisers, so they agree exactly. The gradient is first scaled by the clipping factor
 * maxNorm / max(norm, maxNorm) (no scaling when maxNorm is 0), as train/clip.ts clipByGlobalNorm scales it.
 */
import { flatProgram, gridProgram } from './program';

const CLIPPED = /* wgsl */ `
  fn clipped(i : i32) -> f32 {
    if (uniforms.maxNorm > 0.0) { return grad[i] * (uniforms.maxNorm / max(norm[0], uniforms.maxNorm)); }
    return grad[i];
  }
`;

export const ADAM_UNIFORMS = 'maxNorm : f32, beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32, ';
export const ADAM_VALUE_UNIFORMS = `${ADAM_UNIFORMS}negLr : f32, epsilon : f32, oneMinusAccBeta1 : f32, oneMinusAccBeta2 : f32, keep : f32, `;

const ADAM_MOMENTS = /* wgsl */ `
  fn firstMoment(i : i32, g : f32) -> f32 { return moments[i] * uniforms.beta1 + g * uniforms.oneMinusBeta1; }
  fn secondMoment(i : i32, n : i32, g : f32) -> f32 { return moments[n + i] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2; }
`;

/** Adam's new moments [2, n] (m then v) from grad [n], moments [2, n] and the gradients' norm [1]. */
export function adamMomentsProgram(n: number) {
  return flatProgram({
    key: 'adam_moments',
    inputs: ['grad', 'moments', 'norm'],
    outputShape: [2, n],
    uniforms: ADAM_UNIFORMS,
    code: `${CLIPPED}${ADAM_MOMENTS}
    fn main(index : i32) {
      if (index < uniforms.size) {
        let n = uniforms.size / 2;
        let i = index % n;
        let g = clipped(i);
        if (index < n) { result[index] = firstMoment(i, g); } else { result[index] = secondMoment(i, n, g); }
      }
    }`,
  });
}

/** Adam's (AdamW's with keep = 1 - lr wd) new value [n] from the value, grad, old moments and norm. */
export function adamValueProgram(shape: number[]) {
  return flatProgram({
    key: 'adam_value',
    inputs: ['value', 'grad', 'moments', 'norm'],
    outputShape: shape,
    uniforms: ADAM_VALUE_UNIFORMS,
    code: `${CLIPPED}${ADAM_MOMENTS}
    fn main(index : i32) {
      if (index < uniforms.size) {
        let g = clipped(index);
        let m = firstMoment(index, g) / uniforms.oneMinusAccBeta1;
        let v = secondMoment(index, uniforms.size, g) / uniforms.oneMinusAccBeta2;
        result[index] = (m / (sqrt(v) + uniforms.epsilon)) * uniforms.negLr + value[index] * uniforms.keep;
      }
    }`,
  });
}

export const MOMENTUM_UNIFORMS = 'maxNorm : f32, momentum : f32, negLr : f32, ';

/** SGD with momentum's new accumulation [n]: a' = momentum a + g. */
export function momentumAccumProgram(shape: number[]) {
  return flatProgram({
    key: 'momentum_accum',
    inputs: ['grad', 'accum', 'norm'],
    outputShape: shape,
    uniforms: MOMENTUM_UNIFORMS,
    code: `${CLIPPED}
    fn main(index : i32) {
      if (index < uniforms.size) { result[index] = uniforms.momentum * accum[index] + clipped(index); }
    }`,
  });
}

/** SGD with momentum's new value [n]: w' = -lr a' + w. */
export function momentumValueProgram(shape: number[]) {
  return flatProgram({
    key: 'momentum_value',
    inputs: ['value', 'grad', 'accum', 'norm'],
    outputShape: shape,
    uniforms: MOMENTUM_UNIFORMS,
    code: `${CLIPPED}
    fn main(index : i32) {
      if (index < uniforms.size) { result[index] = uniforms.negLr * (uniforms.momentum * accum[index] + clipped(index)) + value[index]; }
    }`,
  });
}

/**
 * Sum of squares of up to 7 tensors (after `partial`, a running total [1], when given) in one workgroup of 256
 * invocations; with `root`, its square root. Sizes arrive as uniforms n0, n1, ...
 */
export function sumOfSquaresProgram(count: number, partial: boolean, root: boolean) {
  const names = Array.from({ length: count }, (_, i) => `g${i}`);
  const loops = names.map((g, i) => `for (var i = lane; i < uniforms.n${i}; i += 256) { let v = ${g}[i]; sum += v * v; }`).join('\n');
  return gridProgram({
    key: `sumsq_${count}_${partial}_${root}`,
    inputs: [...(partial ? ['partial'] : []), ...names],
    outputShape: [1],
    grid: [1, 1, 1],
    threads: 256,
    uniforms: names.map((_, i) => `n${i} : i32, `).join(''),
    code: `
      var<workgroup> sums : array<f32, 256>;
      fn main() {
        let lane = i32(localId.x);
        var sum = 0.0;
        ${loops}
        sums[lane] = sum;
        workgroupBarrier();
        for (var w = 128; w > 0; w = w / 2) {
          if (lane < w) { sums[lane] += sums[lane + w]; }
          workgroupBarrier();
        }
        if (lane == 0) {
          var total = sums[0];
          ${partial ? 'total += partial[0];' : ''}
          ${root ? 'total = sqrt(total);' : ''}
          result[0] = total;
        }
      }`,
  });
}
