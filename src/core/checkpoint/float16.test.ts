import { describe, expect, it } from 'vitest';
import { floatToHalf, packHalves, unpackHalves } from './float16';
import { halfToFloat } from './safetensors';

describe('float16', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.333251953125, 0x3555], // exactly representable
    [65504, 0x7bff], // the largest half
    [65520, 0x7c00], // rounds to infinity
    [1e9, 0x7c00],
    [2 ** -24, 0x0001], // the smallest subnormal
    [2 ** -25, 0x0000], // half of it: ties to even, zero
    [3 * 2 ** -25, 0x0002], // 1.5 subnormals: ties to even, 2
    [1 + 2 ** -11, 0x3c00], // halfway between 1 and the next half: to even (1)
    [1 + 3 * 2 ** -11, 0x3c02], // halfway between the next two: to even
    [Infinity, 0x7c00],
  ])('%f -> %i', (x, bits) => {
    expect(floatToHalf(x)).toBe(bits);
  });

  it('NaN stays NaN; every half survives the round trip', () => {
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00 && h & 0x3ff) continue; // NaNs
      expect(floatToHalf(halfToFloat(h))).toBe(h);
    }
  });

  it('packs two to a word, low half first, and unpacks an odd count', () => {
    const values = Float32Array.from([1, -2, 0.5]);
    const packed = packHalves(values);
    expect([...packed].map((w) => (w >>> 0).toString(16))).toEqual(['c0003c00', '3800']);
    expect([...unpackHalves(packed, 3)]).toEqual([1, -2, 0.5]);
  });
});
