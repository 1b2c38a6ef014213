/**
 * @file A tiled matrix product C[M, N] = sum_k A(m, k) B(k, n) in WGSL whose operands are read through loader
 * functions, so a kernel can multiply by a slice of a variable, a concatenation or a transpose without first
 * copying it (each copy would be one more dispatch). Each workgroup of 64 invocations computes a 32 x 32 tile of C,
 * 4 x 4 per invocation, stepping through k 32 at a time through workgroup memory (8 KiB), as tfjs' MatMulPacked.
 */

export const TILE = 32;
const TK = 32;

/**
 * WGSL for a grid program over [ceil(N / 32), ceil(M / 32), 1] workgroups of 64 invocations. The caller supplies
 * `fn productM() -> i32`, `productN`, `productK`, `fn loadA(m : i32, k : i32) -> f32`, `fn loadB(k : i32, n : i32)
 * -> f32` (both called in bounds only) and `fn storeC(m : i32, n : i32, v : f32)` (called in bounds only), and
 * `fn productSlice(K : i32) -> i32`: K, or with a grid of S slices along z the k each slice sums (a multiple of 32),
 * the slice's partial sum then going to storeC for a later, fixed-order sum (deterministic, unlike atomics).
 * Accumulators are four vec4s, not an indexed array: SwiftShader (and some drivers) keep an indexed private array
 * in memory, which made this product several times slower than tfjs' own matMul.
 */
export const TILED_PRODUCT = /* wgsl */ `
  var<workgroup> tileA : array<array<f32, ${TK}>, ${TILE}>; // [m][k]
  var<workgroup> tileB : array<array<vec4<f32>, ${TILE / 4}>, ${TK}>; // [k][n / 4]
  var<workgroup> sliceIndex : i32;

  fn loadAOrZero(m : i32, k : i32, M : i32, K : i32) -> f32 {
    if (m < M && k < K) { return loadA(m, k); }
    return 0.0;
  }
  fn loadBOrZero(k : i32, n : i32, K : i32, N : i32) -> f32 {
    if (k < K && n < N) { return loadB(k, n); }
    return 0.0;
  }

  fn main() {
    let M = productM();
    let N = productN();
    let K = productK();
    // Workgroup z takes k in [kFirst, kLast): all of K unless the caller splits it. Read through workgroup memory,
    // which WGSL's uniformity analysis accepts as uniform for the barriers below (workgroupId itself it does not).
    if (localId.x == 0u) { sliceIndex = i32(workgroupId.z); }
    let kFirst = workgroupUniformLoad(&sliceIndex) * productSlice(K);
    let kLast = min(K, kFirst + productSlice(K));
    let lane = i32(localId.x);
    let tx = lane % 8; // this invocation's 4 columns: 4 tx .. 4 tx + 3 of the tile
    let ty = lane / 8; // and its 4 rows: 4 ty .. 4 ty + 3
    let m0 = i32(workgroupId.y) * ${TILE};
    let n0 = i32(workgroupId.x) * ${TILE};
    var acc0 = vec4<f32>(0.0);
    var acc1 = vec4<f32>(0.0);
    var acc2 = vec4<f32>(0.0);
    var acc3 = vec4<f32>(0.0);
    let ar = lane / 2; // A: row ar, 16 of its k
    let ak = (lane % 2) * ${TK / 2};
    for (var k0 = kFirst; k0 < kLast; k0 += ${TK}) {
      for (var e = 0; e < ${TK / 2}; e++) { tileA[ar][ak + e] = loadAOrZero(m0 + ar, k0 + ak + e, M, kLast); }
      for (var r = 0; r < 4; r++) {
        let k = ty * 4 + r;
        let n = n0 + tx * 4;
        tileB[k][tx] = vec4<f32>(loadBOrZero(k0 + k, n, kLast, N), loadBOrZero(k0 + k, n + 1, kLast, N),
                                 loadBOrZero(k0 + k, n + 2, kLast, N), loadBOrZero(k0 + k, n + 3, kLast, N));
      }
      workgroupBarrier();
      let r0 = ty * 4;
      for (var k = 0; k < ${TK}; k++) {
        let b = tileB[k][tx];
        acc0 += tileA[r0][k] * b;
        acc1 += tileA[r0 + 1][k] * b;
        acc2 += tileA[r0 + 2][k] * b;
        acc3 += tileA[r0 + 3][k] * b;
      }
      workgroupBarrier();
    }
    storeRow(m0 + ty * 4, n0 + tx * 4, acc0, M, N);
    storeRow(m0 + ty * 4 + 1, n0 + tx * 4, acc1, M, N);
    storeRow(m0 + ty * 4 + 2, n0 + tx * 4, acc2, M, N);
    storeRow(m0 + ty * 4 + 3, n0 + tx * 4, acc3, M, N);
  }

  fn storeRow(m : i32, n : i32, v : vec4<f32>, M : i32, N : i32) {
    if (m >= M) { return; }
    for (var c = 0; c < 4; c++) { if (n + c < N) { storeC(m, n + c, v[c]); } }
  }
`;

/** Workgroups for a product of M x N outputs, in `slices` slices of k. */
export function productGrid(M: number, N: number, slices = 1): [number, number, number] {
  return [Math.ceil(N / TILE), Math.ceil(M / TILE), slices];
}

/** `fn productSlice` for an unsplit product. */
export const WHOLE_K = /* wgsl */ `fn productSlice(K : i32) -> i32 { return K; }`;
