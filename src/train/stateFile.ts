/**
 * @file A training state (trainState.ts), with whatever the caller keeps beside it, as one file, for `ner study` to
 * continue a run after the process stopped: a JSON header in which every Float32Array is replaced by a reference
 * into the binary part that follows, so the weights and moments are stored as raw float32 (exact), not as text.
 *
 * Layout: "NERSTATE1\n", the header's byte length (uint32 little-endian), the header (UTF-8 JSON), zero padding to a
 * multiple of 4, then the arrays' bytes (little-endian float32) in the order the header refers to them.
 */
const MAGIC = 'NERSTATE1\n';

type Ref = { $f32: [offset: number, length: number] };
const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && '$f32' in v;

/** Plain data (JSON types and Float32Arrays, e.g. a TrainState) to the file's bytes. */
export function encodeStateFile(value: unknown): Uint8Array {
  const arrays: Float32Array[] = [];
  let floats = 0;
  const header = JSON.stringify(value, (_key, value: unknown) => {
    if (!(value instanceof Float32Array)) return value;
    const ref: Ref = { $f32: [floats, value.length] };
    arrays.push(value);
    floats += value.length;
    return ref;
  });
  const headerBytes = new TextEncoder().encode(header);
  const start = Math.ceil((MAGIC.length + 4 + headerBytes.length) / 4) * 4;
  const out = new Uint8Array(start + floats * 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  out.set(headerBytes, MAGIC.length + 4);
  const body = new Float32Array(out.buffer, start, floats); // the platform's order: little-endian on every target
  let at = 0;
  for (const a of arrays) {
    body.set(a, at);
    at += a.length;
  }
  return out;
}

/** The value encodeStateFile wrote, its arrays as Float32Arrays; throws naming `file` when the bytes are not one. */
export function decodeStateFile<T>(bytes: Uint8Array, file = 'state file'): T {
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new Error(`${file}: not a training state (it does not start with ${JSON.stringify(MAGIC)})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const headerEnd = MAGIC.length + 4 + headerLength;
  const start = Math.ceil(headerEnd / 4) * 4;
  if (headerEnd > bytes.length) throw new Error(`${file}: cut short (the header needs ${headerEnd} bytes, the file has ${bytes.length})`);
  const floats = Math.floor((bytes.length - start) / 4);
  // A copy at offset 0 of its own buffer: the file's bytes may sit anywhere in theirs (and a Node Buffer's slice is a view).
  const copy = new Uint8Array(floats * 4);
  copy.set(bytes.subarray(start, start + floats * 4));
  const body = new Float32Array(copy.buffer);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, headerEnd)), (_key, value: unknown) => {
    if (!isRef(value)) return value;
    const [offset, length] = value.$f32;
    if (offset + length > floats) throw new Error(`${file}: cut short (an array needs floats up to ${offset + length}, the file has ${floats})`);
    return body.slice(offset, offset + length);
  }) as T;
}
