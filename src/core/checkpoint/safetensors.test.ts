import { describe, expect, test } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

describe('safetensors', () => {
  test('round trip keeps names, shapes, dtypes, values and metadata', () => {
    const tensors = [
      { name: 'a.kernel', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-8, -1e8]) },
      { name: 'ids', shape: [3], data: Int32Array.from([7, -1, 2 ** 30]) },
      { name: 'scalar', shape: [], data: Float32Array.from([42]) },
      { name: 'empty', shape: [0, 4], data: new Float32Array(0) },
    ];
    const bytes = encodeSafetensors(tensors, { format: 'pt', labels: '["O","B-PER"]' });
    const headerLength = new DataView(bytes.buffer).getUint32(0, true);
    expect((8 + headerLength) % 8).toBe(0);
    const { tensors: out, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt', labels: '["O","B-PER"]' });
    expect([...out.keys()]).toEqual(tensors.map((t) => t.name));
    for (const t of tensors) {
      const got = out.get(t.name)!;
      expect(got.shape).toEqual(t.shape);
      expect(got.data.constructor).toBe(t.data.constructor);
      expect(Array.from(got.data)).toEqual(Array.from(t.data));
    }
  });

  test('writes the exact bytes of a hand-built file', () => {
    const bytes = encodeSafetensors([{ name: 'x', shape: [2], data: Float32Array.from([1, 2]) }]);
    const json = '{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = json + ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
    const expected = new Uint8Array(8 + padded.length + 8);
    expected[0] = padded.length;
    expected.set(new TextEncoder().encode(padded), 8);
    // 1.0f = 0x3f800000, 2.0f = 0x40000000, little-endian
    expected.set([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40], 8 + padded.length);
    expect(Array.from(bytes)).toEqual(Array.from(expected));
  });

  test('reads data that is not 4-byte aligned in its buffer', () => {
    const bytes = encodeSafetensors([{ name: 'x', shape: [2], data: Float32Array.from([3, 4]) }]);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(decodeSafetensors(shifted.subarray(1)).tensors.get('x')!.data)).toEqual([3, 4]);
  });

  function rawFile(dtype: string, shape: number[], data: Uint8Array): Uint8Array {
    const json = JSON.stringify({ x: { dtype, shape, data_offsets: [0, data.length] } });
    const h = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + h.length + data.length);
    new DataView(out.buffer).setUint32(0, h.length, true);
    out.set(h, 8);
    out.set(data, 8 + h.length);
    return out;
  }
  const le16 = (...words: number[]) => new Uint8Array(new Uint16Array(words).buffer);
  test.each([
    // binary16: 1, -2, 65504 (largest), 2^-24 (smallest subnormal), 2^-14 (smallest normal), -inf
    { dtype: 'F16', data: le16(0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0xfc00), expected: [1, -2, 65504, 2 ** -24, 2 ** -14, -Infinity] },
    // bfloat16: the top 16 bits of float32 1, -2.5, 3.140625
    { dtype: 'BF16', data: le16(0x3f80, 0xc020, 0x4049), expected: [1, -2.5, 3.140625] },
    { dtype: 'F64', data: new Uint8Array(Float64Array.from([0.5, -1e30]).buffer), expected: [0.5, Math.fround(-1e30)] },
    { dtype: 'I64', data: new Uint8Array(BigInt64Array.from([0n, -3n, 511n]).buffer), expected: [0, -3, 511] },
  ])('reads $dtype as a 32-bit array', ({ dtype, data, expected }) => {
    const got = decodeSafetensors(rawFile(dtype, [expected.length], data)).tensors.get('x')!;
    expect(got.data).toBeInstanceOf(dtype === 'I64' ? Int32Array : Float32Array);
    expect(Array.from(got.data)).toEqual(expected);
  });

  const good = encodeSafetensors([{ name: 'x', shape: [2], data: Float32Array.from([1, 2]) }]);
  function withHeader(json: string, dataBytes = 8): Uint8Array {
    const h = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + h.length + dataBytes);
    new DataView(out.buffer).setUint32(0, h.length, true);
    out.set(h, 8);
    return out;
  }
  test.each([
    { what: 'too short', bytes: new Uint8Array(4), error: /too short/ },
    { what: 'header past the end', bytes: good.subarray(0, 20), error: /Truncated/ },
    { what: 'data cut off', bytes: good.subarray(0, good.length - 1), error: /Truncated.*'x'/ },
    { what: 'not JSON', bytes: withHeader('{nope'), error: /not valid UTF-8 JSON/ },
    { what: 'JSON array', bytes: withHeader('[1]'), error: /JSON object/ },
    { what: 'unknown dtype', bytes: withHeader('{"x":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}'), error: /'x'.*F8_E4M3/ },
    { what: 'F16 size mismatch', bytes: withHeader('{"x":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}}'), error: /'x'.*2 F16/ },
    { what: 'I64 beyond int32', bytes: withHeader('{"x":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}', 8).map((b, i, a) => (i === a.length - 2 ? 1 : b)), error: /'x'.*int32/ },
    { what: 'size mismatch', bytes: withHeader('{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}'), error: /'x'.*3 F32/ },
    { what: 'bad shape', bytes: withHeader('{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]}}'), error: /shape/ },
    { what: 'huge header', bytes: Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]), error: /implausibly large/ },
  ])('refuses $what with a clear error', ({ bytes, error }) => {
    expect(() => decodeSafetensors(bytes)).toThrow(error);
  });
});
