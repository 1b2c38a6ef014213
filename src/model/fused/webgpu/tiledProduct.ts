/**
 * @file A tiled matrix product C[M, N] = sum_k A(m, k) B(k, n) in WGSL whose operands are read through loader
 * functions, so a kernel can multiply by a slice of a variable, a concatenation or a transpose without first
 * copying it (each copy would be one more dispatch). Each workgroup of 64 invocations computes a 32 x 32 tile of C,
 * 4 x 4 per invocation, stepping through k 16 at a time through workgroup memory (4 KiB).
 */

export const TILE = 32;
const TK = 16;

/**
 * WGSL for a grid program over [ceil(N / 32), ceil(M / 32), 1] workgroups of 64 invocations. The caller supplies
 * `fn productM() -> i32`, `productN`, `productK`, `fn loadA(m : i32, k : i32) -> f32`, `fn loadB(k : i32, n : i32)
 * -> f32` (both called in bounds only) and `fn storeC(m : i32, n : i32, v : f32)` (called in bounds only).
 */
export const TILED_PRODUCT = /* wgsl */ `
  var<workgroup> tileA : array<array<f32, ${TK}>, ${TILE}>;
  var<workgroup> tileB : array<array<f32, ${TILE}>, ${TK}>;

  fn main() {
    let M = productM();
    let N = productN();
    let K = productK();
    let lane = i32(localId.x);
    let tr = (lane / 8) * 4; // this invocation's 4 rows and 4 columns within the tile
    let tc = (lane % 8) * 4;
    let m0 = i32(workgroupId.y) * ${TILE};
    let n0 = i32(workgroupId.x) * ${TILE};
    var acc : array<array<f32, 4>, 4>;
    for (var k0 = 0; k0 < K; k0 += ${TK}) {
      // 512 values of A and 512 of B per step, 8 of each per invocation.
      for (var e = 0; e < 8; e++) {
        let i = lane + e * 64;
        let ar = i / ${TK};
        let ak = i % ${TK};
        var a = 0.0;
        if (m0 + ar < M && k0 + ak < K) { a = loadA(m0 + ar, k0 + ak); }
        tileA[ar][ak] = a;
        let bk = i / ${TILE};
        let bc = i % ${TILE};
        var b = 0.0;
        if (k0 + bk < K && n0 + bc < N) { b = loadB(k0 + bk, n0 + bc); }
        tileB[bk][bc] = b;
      }
      workgroupBarrier();
      for (var k = 0; k < ${TK}; k++) {
        for (var i = 0; i < 4; i++) {
          let a = tileA[tr + i][k];
          for (var j = 0; j < 4; j++) { acc[i][j] += a * tileB[k][tc + j]; }
        }
      }
      workgroupBarrier();
    }
    for (var i = 0; i < 4; i++) {
      for (var j = 0; j < 4; j++) {
        let m = m0 + tr + i;
        let n = n0 + tc + j;
        if (m < M && n < N) { storeC(m, n, acc[i][j]); }
      }
    }
  }
`;

/** Workgroups for a product of M x N outputs. */
export function productGrid(M: number, N: number): [number, number, number] {
  return [Math.ceil(N / TILE), Math.ceil(M / TILE), 1];
}
