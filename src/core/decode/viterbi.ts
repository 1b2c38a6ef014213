/**
 * @file Best label paths from emission scores, in plain TypeScript: Viterbi for a linear-chain CRF
 * and per-token argmax for a softmax head. Decoding runs on the CPU after one read of the scores,
 * so it works the same whichever tfjs backend produced them.
 */

/**
 * Highest-scoring label sequence per sentence under a linear-chain CRF.
 * Score of a path y: start[y0] + sum_t emissions[b,t,y_t] + sum_t transitions[y_{t-1}, y_t] + end[y_last].
 * @param emissions [B, T, K] row-major
 * @param transitions [K, K], from i to j at i * K + j
 * @returns one path per sentence, trimmed to its length (an empty path for length 0)
 */
export function viterbiDecode(
  emissions: Float32Array,
  B: number,
  T: number,
  K: number,
  lengths: number[],
  transitions: Float32Array,
  start: Float32Array,
  end: Float32Array,
): number[][] {
  checkSizes(emissions, B, T, K, lengths);
  if (transitions.length !== K * K || start.length !== K || end.length !== K) {
    throw new Error(`viterbiDecode: transitions must be [${K}, ${K}] and start/end [${K}]`);
  }
  const paths: number[][] = [];
  let score = new Float64Array(K);
  let next = new Float64Array(K);
  const backPointers = new Int32Array(T * K); // [T, K], reused per sentence
  for (let b = 0; b < B; b++) {
    const n = lengths[b];
    if (n === 0) {
      paths.push([]);
      continue;
    }
    const base = b * T * K;
    for (let j = 0; j < K; j++) score[j] = start[j] + emissions[base + j];
    for (let t = 1; t < n; t++) {
      for (let j = 0; j < K; j++) {
        let best = -Infinity;
        let arg = 0;
        for (let i = 0; i < K; i++) {
          const s = score[i] + transitions[i * K + j];
          if (s > best) {
            best = s;
            arg = i;
          }
        }
        next[j] = best + emissions[base + t * K + j];
        backPointers[t * K + j] = arg;
      }
      [score, next] = [next, score];
    }
    let last = 0;
    let best = -Infinity;
    for (let j = 0; j < K; j++) {
      const s = score[j] + end[j];
      if (s > best) {
        best = s;
        last = j;
      }
    }
    const path = new Array<number>(n);
    path[n - 1] = last;
    for (let t = n - 1; t > 0; t--) path[t - 1] = backPointers[t * K + path[t]];
    paths.push(path);
  }
  return paths;
}

/** Per-token argmax of the emissions, for taggers without a CRF. */
export function argmaxDecode(emissions: Float32Array, B: number, T: number, K: number, lengths: number[]): number[][] {
  checkSizes(emissions, B, T, K, lengths);
  const paths: number[][] = [];
  for (let b = 0; b < B; b++) {
    const path: number[] = [];
    for (let t = 0; t < lengths[b]; t++) {
      const base = (b * T + t) * K;
      let arg = 0;
      for (let k = 1; k < K; k++) if (emissions[base + k] > emissions[base + arg]) arg = k;
      path.push(arg);
    }
    paths.push(path);
  }
  return paths;
}

/** A batch's scores as decoding reads them: emissions [B, T, K], and the CRF's scores as the tagger decodes with them. */
export interface DecodeScores {
  B: number;
  T: number;
  K: number;
  emissions: Float32Array;
  /** Transition constraints already applied (forbidden transitions carry the large negative score); null: no CRF. */
  crf: { transitions: Float32Array; start: Float32Array; end: Float32Array } | null;
}

/** The one decoding rule: Viterbi under the CRF's scores, or per-token argmax without a CRF. */
export function decodePaths(scores: DecodeScores, lengths: number[]): number[][] {
  const { B, T, K, emissions, crf } = scores;
  return crf ? viterbiDecode(emissions, B, T, K, lengths, crf.transitions, crf.start, crf.end) : argmaxDecode(emissions, B, T, K, lengths);
}

function checkSizes(emissions: Float32Array, B: number, T: number, K: number, lengths: number[]): void {
  if (emissions.length !== B * T * K) {
    throw new Error(`emissions hold ${emissions.length} values, expected B*T*K = ${B}*${T}*${K}`);
  }
  if (lengths.length !== B) throw new Error(`lengths has ${lengths.length} entries, expected B = ${B}`);
  for (const n of lengths) {
    if (!Number.isInteger(n) || n < 0 || n > T) throw new Error(`length ${n} is outside [0, ${T}]`);
  }
}
