/**
 * @file A blocked matrix product C[M, N] = sum_k A(m, k) B(k, n) in WGSL whose operands are read through loader
 * functions, so a kernel can multiply by a slice of a variable, a concatenation or a transpose without first
 * copying it (each copy would be one more dispatch). Each invocation computes 4 x 4 outputs in four vec4
 * accumulators, a workgroup of 64 a 32 x 32 tile. No workgroup memory: the products here are small enough for the
 * caches, and SwiftShader (a machine without a GPU, and our tests) zero-initialises workgroup memory at a cost of
 * seconds per dispatch.
 */

export const TILE = 32;

/**
 * WGSL for a grid program over [ceil(N / 32), ceil(M / 32), S] workgroups of 64 invocations. The caller supplies
 * `fn productM() -> i32`, `productN`, `productK`, `fn loadA(m : i32, k : i32) -> f32`, `fn loadB(k : i32, n : i32)
 * -> f32` (both called in bounds only) and `fn storeC(m : i32, n : i32, v : f32)` (called in bounds only), and
 * `fn productSlice(K : i32) -> i32`: K, or with S slices along z the k each slice sums, the slice's partial sum then
 * going to storeC for a later, fixed-order sum (deterministic, unlike atomics).
 */
export const TILED_PRODUCT = /* wgsl */ `
  fn aOrZero(m : i32, k : i32, M : i32) -> f32 {
    if (m < M) { return loadA(m, k); }
    return 0.0;
  }
  fn bOrZero(k : i32, n : i32, N : i32) -> f32 {
    if (n < N) { return loadB(k, n); }
    return 0.0;
  }

  fn main() {
    let M = productM();
    let N = productN();
    let K = productK();
    let kFirst = i32(workgroupId.z) * productSlice(K);
    let kLast = min(K, kFirst + productSlice(K));
    let lane = i32(localId.x);
    let m0 = i32(workgroupId.y) * ${TILE} + (lane / 8) * 4; // this invocation's 4 rows
    let n0 = i32(workgroupId.x) * ${TILE} + (lane % 8) * 4; // and 4 columns
    if (m0 >= M || n0 >= N) { return; }
    var acc0 = vec4<f32>(0.0);
    var acc1 = vec4<f32>(0.0);
    var acc2 = vec4<f32>(0.0);
    var acc3 = vec4<f32>(0.0);
    for (var k = kFirst; k < kLast; k++) {
      let b = vec4<f32>(loadB(k, n0), bOrZero(k, n0 + 1, N), bOrZero(k, n0 + 2, N), bOrZero(k, n0 + 3, N));
      acc0 += loadA(m0, k) * b;
      acc1 += aOrZero(m0 + 1, k, M) * b;
      acc2 += aOrZero(m0 + 2, k, M) * b;
      acc3 += aOrZero(m0 + 3, k, M) * b;
    }
    storeRow(m0, n0, acc0, M, N);
    storeRow(m0 + 1, n0, acc1, M, N);
    storeRow(m0 + 2, n0, acc2, M, N);
    storeRow(m0 + 3, n0, acc3, M, N);
  }

  fn storeRow(m : i32, n : i32, v : vec4<f32>, M : i32, N : i32) {
    if (m >= M) { return; }
    storeC(m, n, v.x);
    if (n + 1 < N) { storeC(m, n + 1, v.y); }
    if (n + 2 < N) { storeC(m, n + 2, v.z); }
    if (n + 3 < N) { storeC(m, n + 3, v.w); }
  }
`;

/** Workgroups for a product of M x N outputs, in `slices` slices of k. */
export function productGrid(M: number, N: number, slices = 1): [number, number, number] {
  return [Math.ceil(N / TILE), Math.ceil(M / TILE), slices];
}

/** `fn productSlice` for an unsplit product. */
export const WHOLE_K = /* wgsl */ `fn productSlice(K : i32) -> i32 { return K; }`;
