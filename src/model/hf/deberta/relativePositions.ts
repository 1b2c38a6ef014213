/**
 * @file DeBERTa's relative positions: i - j, in log buckets beyond bucket_size / 2 (v3), as
 * transformers' make_log_bucket_position computes them in float32 (emulated here with
 * Math.fround, so the bucket edges fall where PyTorch puts them), and the flat gather indices
 * that pick each query-key pair's score out of a [.., 2 * span] table.
 */

const f32 = Math.fround;

/** The bucket of relative position r = i - j. */
export function logBucket(r: number, buckets: number, maxPosition: number): number {
  const mid = Math.floor(buckets / 2);
  if (r < mid && r > -mid) return r;
  const abs = Math.abs(r);
  if (abs <= mid) return r;
  const ratio = f32(Math.log(f32(abs / mid)));
  const base = f32(Math.log(f32((maxPosition - 1) / mid)));
  const logPos = Math.ceil(f32(f32(ratio / base) * (mid - 1))) + mid;
  return Math.sign(r) * logPos;
}

/** [T, T] index into the 2 * span relative embeddings for query i and key j: clamp(bucket(i - j) + span). */
export function relativeIndex(T: number, relative: { buckets: number; maxRelative: number; span: number }): Int32Array {
  const out = new Int32Array(T * T);
  const { buckets, maxRelative, span } = relative;
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      const r = buckets > 0 && maxRelative > 0 ? logBucket(i - j, buckets, maxRelative) : i - j;
      out[i * T + j] = Math.min(Math.max(r + span, 0), 2 * span - 1);
    }
  }
  return out;
}

/**
 * Flat indices into a [heads, B*T, 2 * span] table of scores against every relative embedding,
 * giving [heads, B, T, T]: entry (h, b, i, j) reads row (h, b, `rowOf(i, j)`) at column index[i, j].
 * Content-to-position reads the query's row (i), position-to-content the key's (j).
 */
export function gatherIndices(index: Int32Array, heads: number, B: number, T: number, span: number, row: 'query' | 'key'): Int32Array {
  const out = new Int32Array(heads * B * T * T);
  const width = 2 * span;
  let at = 0;
  for (let h = 0; h < heads; h++) {
    for (let b = 0; b < B; b++) {
      const base = (h * B + b) * T;
      for (let i = 0; i < T; i++) {
        for (let j = 0; j < T; j++) out[at++] = (base + (row === 'query' ? i : j)) * width + index[i * T + j];
      }
    }
  }
  return out;
}
