/**
 * @file The fused LSTM's kernels for the CPU backends (wasm, cpu); contract and layouts in ../lstm.ts. The products
 * stay the backend's matMul: the input projection of every step as one, then per time step and direction one
 * [B, H] x [H, 4H] product (forward: h W_h; backward: dz W_h^T), with the gate arithmetic in plain loops over the
 * arrays in between. Backward then takes each direction's kernel gradient as one product [x, h_prev]^T dz and the
 * input gradient as dz W_x^T. A step costs a few function calls instead of about 45 tfjs ops.
 */
import type * as tf from '@tensorflow/tfjs';
import { hostOf, viewAs, type CpuHost } from './host';

type Inputs = Record<string, tf.TensorInfo>;
interface KernelArgs {
  inputs: Inputs;
  backend: unknown;
  attrs: Record<string, number>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Rows [from, from + rows) of a [*, G] kernel as a new [rows, G] tensor, transposed to [G, rows] when asked. */
function rowsOf(host: CpuHost, kernel: tf.TensorInfo, from: number, rows: number, G: number, transpose: boolean): tf.TensorInfo {
  const out = host.make(transpose ? [G, rows] : [rows, G]);
  const k = host.read(kernel);
  const o = host.read(out);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < G; c++) {
      if (transpose) o[c * rows + r] = k[(from + r) * G + c];
      else o[r * G + c] = k[(from + r) * G + c];
    }
  }
  return out;
}

/** The time step before step t in direction d's reading order, or -1 for the zero initial state. */
const previousStep = (d: number, t: number, T: number) => (d === 0 ? t - 1 : t + 1 < T ? t + 1 : -1);

export function lstmForwardCpu({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const host = hostOf(backend);
  const { hidden: H, inputDim: D, directions: dirs } = attrs;
  const [B, T] = inputs.mask.shape;
  const G = 4 * H;
  const W = dirs * 6 * H; // workspace row: y (dirs*H), c (dirs*H), then each direction's i f g o
  const Y = dirs * H;
  const y = host.make([B, T, Y]);
  const ws = host.make([B, T, W]);
  const hb = host.make([B, H]); // this step's h, the left operand of h W_h
  const c = new Float32Array(B * H);
  const noRecurrence = new Float32Array(B * G); // h W_h before the first step
  for (let d = 0; d < dirs; d++) {
    const kernel = inputs[`kernel${d}`];
    const wx = rowsOf(host, kernel, 0, D, G, false); // [D, G]
    const wh = rowsOf(host, kernel, D, H, G, false); // [H, G]
    const xw = host.matMul(viewAs(inputs.x, [B * T, D]), wx); // [B*T, G], bias added below
    host.dispose(wx);
    host.read(hb).fill(0);
    c.fill(0);
    for (let s = 0; s < T; s++) {
      const t = d === 0 ? s : T - 1 - s;
      const hw = s === 0 ? null : host.matMul(hb, wh); // [B, G]; h is zero before the first step
      // Views after the last allocation (see host.ts).
      const [hwv, xwv, bias, mask, h, yv, wv] = [hw ? host.read(hw) : noRecurrence, host.read(xw), host.read(inputs[`bias${d}`]), host.read(inputs.mask), host.read(hb), host.read(y), host.read(ws)];
      for (let b = 0; b < B; b++) {
        const row = b * T + t;
        const m = mask[row];
        const zo = row * G;
        const ho = b * G;
        const yo = row * Y + d * H;
        const wo = row * W;
        for (let j = 0; j < H; j++) {
          const ig = sigmoid(xwv[zo + j] + bias[j] + hwv[ho + j]);
          const fg = sigmoid(xwv[zo + H + j] + bias[H + j] + hwv[ho + H + j]);
          const gg = Math.tanh(xwv[zo + 2 * H + j] + bias[2 * H + j] + hwv[ho + 2 * H + j]);
          const og = sigmoid(xwv[zo + 3 * H + j] + bias[3 * H + j] + hwv[ho + 3 * H + j]);
          const i = b * H + j;
          const cOld = c[i];
          const cNew = fg * cOld + ig * gg;
          const hNew = og * Math.tanh(cNew);
          // A padded step keeps the state and outputs zeros, exactly as the unfused ops.
          c[i] = cOld + m * (cNew - cOld);
          h[i] = h[i] + m * (hNew - h[i]);
          yv[yo + j] = hNew * m;
          wv[wo + d * H + j] = hNew * m;
          wv[wo + Y + d * H + j] = c[i] * m;
          const go = wo + 2 * Y + d * G + j;
          wv[go] = ig * m;
          wv[go + H] = fg * m;
          wv[go + 2 * H] = gg * m;
          wv[go + 3 * H] = og * m;
        }
      }
      if (hw) host.dispose(hw);
    }
    host.dispose(wh);
    host.dispose(xw);
  }
  host.dispose(hb);
  return [y, ws];
}

export function lstmBackwardCpu({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const host = hostOf(backend);
  const { hidden: H, inputDim: D, directions: dirs } = attrs;
  const [B, T] = inputs.mask.shape;
  const G = 4 * H;
  const W = dirs * 6 * H;
  const Y = dirs * H;
  const dx = host.make([B, T, D]);
  const grads: tf.TensorInfo[] = [dx];
  const dzStep = host.make([B, G]); // this step's gate gradients, the left operand of dz W_h^T
  const dh = new Float32Array(B * H);
  const dc = new Float32Array(B * H);
  for (let d = 0; d < dirs; d++) {
    const kernel = inputs[`kernel${d}`];
    const whT = rowsOf(host, kernel, D, H, G, true); // [G, H]
    const dz = host.make([B * T, G]); // every step's gate gradients, zero at padding
    dh.fill(0);
    dc.fill(0);
    for (let s = T - 1; s >= 0; s--) {
      const t = d === 0 ? s : T - 1 - s;
      const [dy, mask, ws, dzAll, dzs] = [host.read(inputs.dy), host.read(inputs.mask), host.read(inputs.ws), host.read(dz), host.read(dzStep)];
      for (let b = 0; b < B; b++) {
        const row = b * T + t;
        const m = mask[row];
        const wo = row * W;
        const tp = previousStep(d, t, T);
        const po = tp < 0 ? -1 : (b * T + tp) * W + Y + d * H;
        for (let j = 0; j < H; j++) {
          const i = b * H + j;
          const go = wo + 2 * Y + d * G + j;
          const [ig, fg, gg, og] = [ws[go], ws[go + H], ws[go + 2 * H], ws[go + 3 * H]];
          const cPrev = po < 0 ? 0 : ws[po + j];
          const tc = Math.tanh(ws[wo + Y + d * H + j]);
          // hNew feeds the output and the next state (both times m); a padded step passes dh and dc through.
          const dhNew = m * dy[row * Y + d * H + j] + m * dh[i];
          const dcNew = m * dc[i] + dhNew * og * (1 - tc * tc);
          const zo = b * G + j;
          dzs[zo] = dcNew * gg * ig * (1 - ig);
          dzs[zo + H] = dcNew * cPrev * fg * (1 - fg);
          dzs[zo + 2 * H] = dcNew * ig * (1 - gg * gg);
          dzs[zo + 3 * H] = dhNew * tc * og * (1 - og);
          dc[i] = (1 - m) * dc[i] + dcNew * fg;
          dh[i] = (1 - m) * dh[i];
        }
        dzAll.set(dzs.subarray(b * G, (b + 1) * G), row * G);
      }
      if (s === 0) continue; // the first step in reading order: its dh flows into the zero initial state
      const back = host.matMul(dzStep, whT); // [B, H]: dz W_h^T
      const bv = host.read(back);
      for (let i = 0; i < B * H; i++) dh[i] += bv[i];
      host.dispose(back);
    }
    host.dispose(whT);
    grads.push(...weightGrads(host, inputs, dz, d, { B, T, D, H, dirs }));
    // dx += dz W_x^T
    const wxT = rowsOf(host, kernel, 0, D, G, true); // [G, D]
    const part = host.matMul(dz, wxT); // [B*T, D]
    const [pv, dxv] = [host.read(part), host.read(dx)];
    for (let i = 0; i < B * T * D; i++) dxv[i] += pv[i];
    host.dispose(part);
    host.dispose(wxT);
    host.dispose(dz);
  }
  host.dispose(dzStep);
  return grads;
}

/** [dKernel [D + H, G], dBias [G]] of direction d: [x, h_prev]^T dz as one product, and dz's column sums. */
function weightGrads(host: CpuHost, inputs: Inputs, dz: tf.TensorInfo, d: number, s: { B: number; T: number; D: number; H: number; dirs: number }): tf.TensorInfo[] {
  const { B, T, D, H, dirs } = s;
  const G = 4 * H;
  const W = dirs * 6 * H;
  const N = B * T;
  const inputsT = host.make([D + H, N]); // [x, h_prev]^T: column r is step r's input and previous output
  const [x, ws, it] = [host.read(inputs.x), host.read(inputs.ws), host.read(inputsT)];
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const r = b * T + t;
      for (let k = 0; k < D; k++) it[k * N + r] = x[r * D + k];
      const tp = previousStep(d, t, T);
      if (tp < 0) continue; // the zero initial state
      const po = (b * T + tp) * W + d * H; // y at the previous step (zero at padding)
      for (let k = 0; k < H; k++) it[(D + k) * N + r] = ws[po + k];
    }
  }
  const dKernel = host.matMul(inputsT, dz); // [D + H, G]
  host.dispose(inputsT);
  const dBias = host.make([G]);
  const [dzv, db] = [host.read(dz), host.read(dBias)];
  for (let r = 0; r < N; r++) for (let c = 0; c < G; c++) db[c] += dzv[r * G + c];
  return [dKernel, dBias];
}
