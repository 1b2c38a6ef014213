/**
 * @file WGSL of the fused dense layer and embedding gradient (semantics in ../dense.ts and ../embedding.ts). The
 * weight gradient of a dense layer sums over every token, often tens of thousands of rows into a few outputs, so it
 * is split into slices of the rows summed apart and then added in a fixed order: tfjs' split-K matMul adds them with
 * atomics, in whatever order the GPU runs, so seeded runs would not repeat bit for bit.
 */
import { flatProgram, gridProgram } from './program';
import { productGrid, TILED_PRODUCT, WHOLE_K } from './tiledProduct';

/** Sizes baked in: inputs I, outputs O, activation 0 (none) or 1 (tanh). */
export interface DenseShape {
  I: number;
  O: number;
  tanh: boolean;
}

const key = (kind: string, s: DenseShape) => `dense_${kind}_${s.I}_${s.O}_${s.tanh ? 1 : 0}`;

/** The gradient before the activation: dy, times 1 - y^2 after tanh (tfjs' Tanh gradient). */
const preActivationGrad = (s: DenseShape) =>
  `fn gradAt(n : i32, o : i32) -> f32 { let i = n * ${s.O} + o; ${s.tanh ? 'return (1.0 - y[i] * y[i]) * dy[i];' : 'return dy[i];'} }`;

/** y [N, O] = act(x W + b). */
export function denseProgram(s: DenseShape, N: number) {
  return gridProgram({
    key: key('fwd', s),
    inputs: ['x', 'kernel', 'bias'],
    outputShape: [N, s.O],
    grid: productGrid(N, s.O),
    threads: 64,
    code: `
      fn productM() -> i32 { return uniforms.xShape.x; }
      fn productN() -> i32 { return ${s.O}; }
      fn productK() -> i32 { return ${s.I}; }
      fn loadA(m : i32, k : i32) -> f32 { return x[m * ${s.I} + k]; }
      fn loadB(k : i32, n : i32) -> f32 { return kernel[k * ${s.O} + n]; }
      fn storeC(m : i32, n : i32, v : f32) {
        let z = v + bias[n];
        ${s.tanh ? 'let e2x = exp(-2.0 * abs(z)); result[m * ' + s.O + ' + n] = sign(z) * (1.0 - e2x) / (1.0 + e2x);' : `result[m * ${s.O} + n] = z;`}
      }
      ${WHOLE_K}
      ${TILED_PRODUCT}`,
  });
}

const gradInputs = (s: DenseShape) => (s.tanh ? ['dy', 'y'] : ['dy']);

/** dx [N, I] = g W^T. */
export function denseInputGradProgram(s: DenseShape, N: number) {
  return gridProgram({
    key: key('dx', s),
    inputs: [...gradInputs(s), 'kernel'],
    outputShape: [N, s.I],
    grid: productGrid(N, s.I),
    threads: 64,
    code: `
      ${preActivationGrad(s)}
      fn productM() -> i32 { return uniforms.dyShape.x; }
      fn productN() -> i32 { return ${s.I}; }
      fn productK() -> i32 { return ${s.O}; }
      fn loadA(m : i32, k : i32) -> f32 { return gradAt(m, k); }
      fn loadB(k : i32, n : i32) -> f32 { return kernel[n * ${s.O} + k]; }
      fn storeC(m : i32, n : i32, v : f32) { result[m * ${s.I} + n] = v; }
      ${WHOLE_K}
      ${TILED_PRODUCT}`,
  });
}

/** Rows of the weight gradient's sum per slice: a multiple of the tile's 32. */
export const ROWS_PER_SLICE = 2048;

/** Partial weight gradients [S, I, O]: x^T g over slice s's rows. */
export function denseKernelGradProgram(s: DenseShape, slices: number) {
  return gridProgram({
    key: key('dw', s),
    inputs: ['x', ...gradInputs(s)],
    outputShape: [slices, s.I, s.O],
    grid: productGrid(s.I, s.O, slices),
    threads: 64,
    code: `
      ${preActivationGrad(s)}
      fn productM() -> i32 { return ${s.I}; }
      fn productN() -> i32 { return ${s.O}; }
      fn productK() -> i32 { return uniforms.xShape.x; }
      fn productSlice(K : i32) -> i32 { return ${ROWS_PER_SLICE}; }
      fn loadA(m : i32, k : i32) -> f32 { return x[k * ${s.I} + m]; }
      fn loadB(k : i32, n : i32) -> f32 { return gradAt(k, n); }
      fn storeC(m : i32, n : i32, v : f32) { result[i32(workgroupId.z) * ${s.I * s.O} + m * ${s.O} + n] = v; }
      ${TILED_PRODUCT}`,
  });
}

/** The sum over the first axis of parts [S, ...shape], in order. */
export function sliceSumProgram(shape: number[]) {
  return flatProgram({
    key: 'slice_sum',
    inputs: ['parts'],
    outputShape: shape,
    code: `fn main(index : i32) {
      if (index < uniforms.size) {
        var sum = 0.0;
        for (var s = 0; s < uniforms.partsShape.x; s++) { sum += parts[s * uniforms.size + index]; }
        result[index] = sum;
      }
    }`,
  });
}

/** db [O] = g summed over the rows. */
export function denseBiasGradProgram(s: DenseShape) {
  return flatProgram({
    key: key('db', s),
    inputs: gradInputs(s),
    outputShape: [s.O],
    code: `
      ${preActivationGrad(s)}
      fn main(index : i32) {
        if (index < uniforms.size) {
          var sum = 0.0;
          for (var n = 0; n < uniforms.dyShape.x; n++) { sum += gradAt(n, index); }
          result[index] = sum;
        }
      }`,
  });
}

/**
 * The gradient of an embedding table [V, D]: row v is the sum of dy's rows at the positions whose id is v, in
 * ascending position. `order` [N] holds the positions sorted by id, `offsets` [V + 1] where each id's run starts.
 */
export function embeddingGradProgram(V: number, D: number) {
  return flatProgram({
    key: `embedding_grad_${D}`,
    inputs: ['dy', 'order', 'offsets'],
    outputShape: [V, D],
    code: `fn main(index : i32) {
      if (index < uniforms.size) {
        let v = index / ${D};
        let d = index % ${D};
        var sum = 0.0;
        for (var k = offsets[v]; k < offsets[v + 1]; k++) { sum += dy[order[k] * ${D} + d]; }
        result[index] = sum;
      }
    }`,
  });
}
