/**
 * @file Float32 values stored as IEEE 754 half precision, two to a 32-bit word (the first value in the
 * low 16 bits, as WGSL's unpack2x16float reads them), for frozen weights kept in half the memory.
 */
import { halfToFloat } from './safetensors';

/** The tfjs kernel that unpacks them on each backend (backend/halfKernels.ts registers it; model/hf/halfWeights.ts runs it). */
export const UNPACK_HALVES = 'UnpackHalves';

const scratch = new DataView(new ArrayBuffer(4));

/** A number's nearest binary16 bits (round half to even); overflow gives infinity, tiny values subnormals or zero. */
export function floatToHalf(x: number): number {
  scratch.setFloat32(0, x);
  const bits = scratch.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // infinity, NaN
  let e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign; // below half the smallest subnormal
    mantissa |= 0x800000; // the implicit leading 1
    const shift = 14 - e;
    const half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (half + (rest > midpoint || (rest === midpoint && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  // Rounding up may carry into the exponent, and on to infinity: both are right.
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0));
}

/** n values -> ceil(n / 2) words; an odd last value pairs with zero. As Int32Array, the dtype tfjs stores. */
export function packHalves(values: Float32Array): Int32Array {
  const out = new Int32Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i += 2) {
    const low = floatToHalf(values[i]);
    const high = i + 1 < values.length ? floatToHalf(values[i + 1]) : 0;
    out[i >> 1] = low | (high << 16);
  }
  return out;
}

/** The first n values of packed halves. */
export function unpackHalves(packed: Int32Array | Uint32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const word = packed[i >> 1];
    out[i] = halfToFloat(i & 1 ? (word >>> 16) & 0xffff : word & 0xffff);
  }
  return out;
}
