/**
 * @file WGSL of the fused LSTM (semantics and layouts in ../lstm.ts). Per layer, forward: the input projection of
 * every step and direction as one tiled product, the recurrence as one dispatch of one workgroup per sentence and
 * direction (H invocations, one per unit, h shared through workgroup memory), and a copy of the outputs out of the
 * workspace. Backward: backpropagation through time as one dispatch giving the gate gradients dz of every step,
 * then products for the input gradient and each direction's kernel gradient, and a column sum for each bias.
 */
import { gridProgram, flatProgram, ACTIVATIONS } from './program';
import { productGrid, TILED_PRODUCT, WHOLE_K } from './tiledProduct';

/** Sizes baked into the WGSL: hidden units H, input features D, directions (1 or 2). */
export interface LstmShape {
  H: number;
  D: number;
  dirs: number;
}

const key = (kind: string, s: LstmShape) => `lstm_${kind}_${s.H}_${s.D}_${s.dirs}`;
const kernelNames = (s: LstmShape) => (s.dirs === 2 ? ['kernel0', 'kernel1'] : ['kernel0']);

/** Row `k` of direction `dir`'s kernel [D + H, 4H] at column `col`. */
function kernelReader(s: LstmShape): string {
  const G = 4 * s.H;
  const second = s.dirs === 2 ? `if (dir == 1) { return kernel1[row * ${G} + col]; }` : '';
  return `fn kernelAt(dir : i32, row : i32, col : i32) -> f32 { ${second} return kernel0[row * ${G} + col]; }`;
}

/** xw [B, T, dirs * 4H] = x W_x + b for both directions (W_x: the first D rows of each kernel). */
export function projectionProgram(s: LstmShape, B: number, T: number) {
  const G = 4 * s.H;
  const N = s.dirs * G;
  const biasSecond = s.dirs === 2 ? `if (n >= ${G}) { b = bias1[n - ${G}]; }` : '';
  return gridProgram({
    key: key('proj', s),
    inputs: ['x', ...(s.dirs === 2 ? ['kernel0', 'bias0', 'kernel1', 'bias1'] : ['kernel0', 'bias0'])],
    outputShape: [B, T, N],
    grid: productGrid(B * T, N),
    threads: 64,
    code: `
      ${kernelReader(s)}
      fn productM() -> i32 { return uniforms.xShape.x * uniforms.xShape.y; }
      fn productN() -> i32 { return ${N}; }
      fn productK() -> i32 { return ${s.D}; }
      fn loadA(m : i32, k : i32) -> f32 { return x[m * ${s.D} + k]; }
      fn loadB(k : i32, n : i32) -> f32 { return kernelAt(n / ${G}, k, n % ${G}); }
      fn storeC(m : i32, n : i32, v : f32) {
        var b = bias0[n % ${G}];
        ${biasSecond}
        result[m * ${N} + n] = v + b;
      }
      ${WHOLE_K}
      ${TILED_PRODUCT}`,
  });
}

/**
 * The recurrence: workspace [B, T, dirs * 6H] holding per step [y | c | i f g o] for every direction (y, c, gates
 * each times the step's mask). Direction 1 walks each row from T - 1 down to 0.
 */
export function recurrenceProgram(s: LstmShape, B: number, T: number) {
  const { H, D, dirs } = s;
  const G = 4 * H;
  const W = dirs * 6 * H;
  return gridProgram({
    key: key('rec', s),
    inputs: ['xw', 'mask', ...kernelNames(s)],
    outputShape: [B, T, W],
    grid: [B, dirs, 1],
    threads: H,
    code: `
      ${ACTIVATIONS}
      ${kernelReader(s)}
      var<workgroup> hs : array<f32, ${H}>;
      fn main() {
        let b = i32(workgroupId.x);
        let dir = i32(workgroupId.y);
        let j = i32(localId.x);
        let T = uniforms.maskShape.y;
        var h = 0.0;
        var c = 0.0;
        hs[j] = 0.0;
        workgroupBarrier();
        for (var s = 0; s < T; s++) {
          var t = s;
          if (dir == 1) { t = T - 1 - s; }
          let row = b * T + t;
          let m = mask[row];
          var si = 0.0; var sf = 0.0; var sg = 0.0; var so = 0.0;
          for (var k = 0; k < ${H}; k++) {
            let hk = hs[k];
            si += hk * kernelAt(dir, ${D} + k, j);
            sf += hk * kernelAt(dir, ${D} + k, ${H} + j);
            sg += hk * kernelAt(dir, ${D} + k, ${2 * H} + j);
            so += hk * kernelAt(dir, ${D} + k, ${3 * H} + j);
          }
          let xo = row * ${dirs * G} + dir * ${G};
          let ig = sigmoidOf(xw[xo + j] + si);
          let fg = sigmoidOf(xw[xo + ${H} + j] + sf);
          let gg = tanhOf(xw[xo + ${2 * H} + j] + sg);
          let og = sigmoidOf(xw[xo + ${3 * H} + j] + so);
          let cNew = fg * c + ig * gg;
          let hNew = og * tanhOf(cNew);
          // A padded step keeps the state and outputs zeros, exactly as layers/lstm.ts.
          c = c + m * (cNew - c);
          h = h + m * (hNew - h);
          let o = row * ${W};
          result[o + dir * ${H} + j] = hNew * m;
          result[o + ${dirs * H} + dir * ${H} + j] = c * m;
          let go = o + ${2 * dirs * H} + dir * ${G} + j;
          result[go] = ig * m;
          result[go + ${H}] = fg * m;
          result[go + ${2 * H}] = gg * m;
          result[go + ${3 * H}] = og * m;
          workgroupBarrier();
          hs[j] = h;
          workgroupBarrier();
        }
      }`,
  });
}

/** y [B, T, dirs * H]: the outputs, out of the workspace. */
export function outputsProgram(s: LstmShape, B: number, T: number) {
  const Y = s.dirs * s.H;
  return flatProgram({
    key: key('out', s),
    inputs: ['ws'],
    outputShape: [B, T, Y],
    code: `fn main(index : i32) {
      if (index < uniforms.size) { result[index] = ws[(index / ${Y}) * ${6 * Y} + index % ${Y}]; }
    }`,
  });
}

/**
 * Backpropagation through time: dz [B, T, dirs * 4H], the gradient of every gate pre-activation, from dy (the
 * gradient of the outputs) and the workspace; walks each direction's steps in reverse.
 */
export function backThroughTimeProgram(s: LstmShape, B: number, T: number) {
  const { H, D, dirs } = s;
  const G = 4 * H;
  const W = dirs * 6 * H;
  return gridProgram({
    key: key('bptt', s),
    inputs: ['dy', 'ws', 'mask', ...kernelNames(s)],
    outputShape: [B, T, dirs * G],
    grid: [B, dirs, 1],
    threads: H,
    code: `
      ${ACTIVATIONS}
      ${kernelReader(s)}
      var<workgroup> dzs : array<f32, ${G}>;
      fn main() {
        let b = i32(workgroupId.x);
        let dir = i32(workgroupId.y);
        let j = i32(localId.x);
        let T = uniforms.maskShape.y;
        var dh = 0.0; // gradient of the state h after this step, unit j
        var dc = 0.0;
        for (var s = 0; s < T; s++) {
          var t = T - 1 - s;
          var tp = t - 1; // the step before t in this direction's order
          if (dir == 1) { t = s; tp = s + 1; }
          let row = b * T + t;
          let m = mask[row];
          let o = row * ${W};
          let cNew = ws[o + ${dirs * H} + dir * ${H} + j];
          var cPrev = 0.0;
          if (tp >= 0 && tp < T) { cPrev = ws[(b * T + tp) * ${W} + ${dirs * H} + dir * ${H} + j]; }
          let go = o + ${2 * dirs * H} + dir * ${G} + j;
          let ig = ws[go];
          let fg = ws[go + ${H}];
          let gg = ws[go + ${2 * H}];
          let og = ws[go + ${3 * H}];
          // hNew feeds the output (times m) and the next state (times m); a padded step passes dh and dc through.
          let dhNew = m * dy[row * ${dirs * H} + dir * ${H} + j] + m * dh;
          let tc = tanhOf(cNew);
          let dcNew = m * dc + dhNew * og * (1.0 - tc * tc);
          let dzi = dcNew * gg * ig * (1.0 - ig);
          let dzf = dcNew * cPrev * fg * (1.0 - fg);
          let dzg = dcNew * ig * (1.0 - gg * gg);
          let dzo = dhNew * tc * og * (1.0 - og);
          let zo = row * ${dirs * G} + dir * ${G} + j;
          result[zo] = dzi;
          result[zo + ${H}] = dzf;
          result[zo + ${2 * H}] = dzg;
          result[zo + ${3 * H}] = dzo;
          dc = (1.0 - m) * dc + dcNew * fg;
          dzs[j] = dzi;
          dzs[${H} + j] = dzf;
          dzs[${2 * H} + j] = dzg;
          dzs[${3 * H} + j] = dzo;
          workgroupBarrier();
          var back = 0.0; // dz W_h^T for unit j
          for (var col = 0; col < ${G}; col++) { back += dzs[col] * kernelAt(dir, ${D} + j, col); }
          dh = (1.0 - m) * dh + back;
          workgroupBarrier();
        }
      }`,
  });
}

/** dx [B, T, D] = dz W_x^T summed over directions. */
export function inputGradProgram(s: LstmShape, B: number, T: number) {
  const G = 4 * s.H;
  return gridProgram({
    key: key('dx', s),
    inputs: ['dz', ...kernelNames(s)],
    outputShape: [B, T, s.D],
    grid: productGrid(B * T, s.D),
    threads: 64,
    code: `
      ${kernelReader(s)}
      fn productM() -> i32 { return uniforms.dzShape.x * uniforms.dzShape.y; }
      fn productN() -> i32 { return ${s.D}; }
      fn productK() -> i32 { return ${s.dirs * G}; }
      fn loadA(m : i32, k : i32) -> f32 { return dz[m * ${s.dirs * G} + k]; }
      fn loadB(k : i32, n : i32) -> f32 { return kernelAt(k / ${G}, n, k % ${G}); }
      fn storeC(m : i32, n : i32, v : f32) { result[m * ${s.D} + n] = v; }
      ${WHOLE_K}
      ${TILED_PRODUCT}`,
  });
}

/** The gradient of direction `dir`'s kernel [D + H, 4H]: [x | h_prev]^T dz over every step of every sentence. */
export function kernelGradProgram(s: LstmShape, dir: number) {
  const { H, D, dirs } = s;
  const G = 4 * H;
  const W = dirs * 6 * H;
  const prev = dir === 0 ? 't - 1' : 't + 1';
  return gridProgram({
    key: key(`dk${dir}`, s),
    inputs: ['x', 'ws', 'dz'],
    outputShape: [D + H, G],
    grid: productGrid(D + H, G),
    threads: 64,
    code: `
      fn productM() -> i32 { return ${D + H}; }
      fn productN() -> i32 { return ${G}; }
      fn productK() -> i32 { return uniforms.wsShape.x * uniforms.wsShape.y; }
      fn loadA(m : i32, k : i32) -> f32 {
        if (m < ${D}) { return x[k * ${D} + m]; }
        // h before step t in this direction's order: the output there (zero at padding and before the start).
        let T = uniforms.wsShape.y;
        let t = k % T;
        let tp = ${prev};
        if (tp < 0 || tp >= T) { return 0.0; }
        return ws[(k - t + tp) * ${W} + ${dir * H} + m - ${D}];
      }
      fn loadB(k : i32, n : i32) -> f32 { return dz[k * ${dirs * G} + ${dir * G} + n]; }
      fn storeC(m : i32, n : i32, v : f32) { result[m * ${G} + n] = v; }
      ${WHOLE_K}
      ${TILED_PRODUCT}`,
  });
}

/** The gradient of direction `dir`'s bias [4H]: dz summed over every step of every sentence. */
export function biasGradProgram(s: LstmShape, dir: number) {
  const G = 4 * s.H;
  return flatProgram({
    key: key(`db${dir}`, s),
    inputs: ['dz'],
    outputShape: [G],
    code: `fn main(index : i32) {
      if (index < uniforms.size) {
        let N = uniforms.dzShape.x * uniforms.dzShape.y;
        var sum = 0.0;
        for (var n = 0; n < N; n++) { sum += dz[n * ${s.dirs * G} + ${dir * G} + index]; }
        result[index] = sum;
      }
    }`,
  });
}
