/**
 * @file The safetensors checkpoint format (as written by Hugging Face's `safetensors`), in plain
 * TypeScript: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the raw little-endian bytes. We write F32 and I32; we also read the
 * dtypes Hugging Face checkpoints come in (F16, BF16, F64 as float32; I64 as int32).
 */

export type SafetensorData = Float32Array | Int32Array;

export interface NamedTensor {
  name: string;
  shape: number[];
  data: SafetensorData;
}

export interface DecodedSafetensors {
  tensors: Map<string, { shape: number[]; data: SafetensorData }>;
  metadata: Record<string, string>;
}

/** Headers larger than this are refused as corrupt (the Rust reader uses the same limit). */
const MAX_HEADER_BYTES = 100_000_000;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function encodeSafetensors(tensors: NamedTensor[], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === '__metadata__') throw new Error(`'__metadata__' cannot be a tensor name`);
    if (t.name in header) throw new Error(`Duplicate tensor name '${t.name}'`);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) {
      throw new Error(`Tensor '${t.name}': shape [${t.shape}] holds ${size} values but data has ${t.data.length}`);
    }
    const dtype = t.data instanceof Float32Array ? 'F32' : 'I32';
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  // Pad with spaces so the data starts 8-byte aligned.
  json += ' '.repeat((8 - ((8 + utf8Length(json)) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes.length, true);
  view.setUint32(4, Math.floor(headerBytes.length / 2 ** 32), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    writeLittleEndian(t.data, out, at);
    at += t.data.byteLength;
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  if (bytes.length < 8) throw new Error(`Not a safetensors file: ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > MAX_HEADER_BYTES) throw new Error(`Not a safetensors file: header length ${headerLength} is implausibly large`);
  if (8 + headerLength > bytes.length) {
    throw new Error(`Truncated safetensors file: header says ${headerLength} bytes but only ${bytes.length - 8} follow`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    throw new Error(`Invalid safetensors header: not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new Error('Invalid safetensors header: expected a JSON object');
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const tensors = new Map<string, { shape: number[]; data: SafetensorData }>();
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof entry !== 'object' || entry === null) throw new Error('Invalid safetensors header: __metadata__ must be an object');
      for (const [k, v] of Object.entries(entry)) {
        if (typeof v !== 'string') throw new Error(`Invalid safetensors header: metadata '${k}' is not a string`);
        metadata[k] = v;
      }
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== 'string' || !(dtype in BYTES_PER_VALUE)) {
      throw new Error(`Tensor '${name}': dtype ${JSON.stringify(dtype)} is not supported (only ${Object.keys(BYTES_PER_VALUE).join(', ')})`);
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new Error(`Tensor '${name}': shape must be a list of non-negative integers`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0)) {
      throw new Error(`Tensor '${name}': data_offsets must be [begin, end]`);
    }
    const [begin, end] = offsets as [number, number];
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    const width = BYTES_PER_VALUE[dtype as ReadDtype];
    if (end < begin || end - begin !== size * width) {
      throw new Error(`Tensor '${name}': data_offsets [${begin}, ${end}] do not hold ${size} ${dtype} values`);
    }
    if (end > dataLength) {
      throw new Error(`Truncated safetensors file: tensor '${name}' ends at byte ${end} of a ${dataLength}-byte data section`);
    }
    const src = bytes.subarray(dataStart + begin, dataStart + end);
    let data: SafetensorData;
    if (dtype === 'F32' || dtype === 'I32') {
      data = dtype === 'F32' ? new Float32Array(size) : new Int32Array(size);
      readLittleEndian(src, data);
    } else {
      data = convertToWord(name, dtype as ReadDtype, src, size);
    }
    tensors.set(name, { shape: shape as number[], data });
  }
  return { tensors, metadata };
}

type ReadDtype = 'F32' | 'I32' | 'F16' | 'BF16' | 'F64' | 'I64';
const BYTES_PER_VALUE: Record<ReadDtype, number> = { F32: 4, I32: 4, F16: 2, BF16: 2, F64: 8, I64: 8 };

/** Widens or narrows the dtypes we do not keep: halves and doubles to float32, int64 to int32. */
function convertToWord(name: string, dtype: ReadDtype, src: Uint8Array, size: number): SafetensorData {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  switch (dtype) {
    case 'F16': {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
      return out;
    }
    case 'BF16': {
      // bfloat16 is the top half of a float32's bits.
      const bits = new Uint32Array(size);
      for (let i = 0; i < size; i++) bits[i] = view.getUint16(2 * i, true) << 16;
      return new Float32Array(bits.buffer);
    }
    case 'F64': {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(8 * i, true);
      return out;
    }
    case 'I64': {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) {
        const v = view.getBigInt64(8 * i, true);
        if (v > 2147483647n || v < -2147483648n) throw new Error(`Tensor '${name}': I64 value ${v} does not fit in int32`);
        out[i] = Number(v);
      }
      return out;
    }
    default:
      throw new Error(`Tensor '${name}': no conversion from ${dtype}`);
  }
}

/** IEEE 754 binary16 bits -> number (subnormals, infinities and NaN included). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function writeLittleEndian(data: SafetensorData, out: Uint8Array, at: number): void {
  if (LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, data.byteLength);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i], true);
    else view.setInt32(i * 4, data[i], true);
  }
}

/** Copies rather than views: the data section need not be 4-byte aligned within `bytes`. */
function readLittleEndian(src: Uint8Array, into: SafetensorData): void {
  if (LITTLE_ENDIAN_HOST) {
    new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(src);
    return;
  }
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  for (let i = 0; i < into.length; i++) {
    into[i] = into instanceof Float32Array ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  }
}
