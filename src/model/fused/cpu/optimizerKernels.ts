/**
 * @file The fused optimiser updates and the global norm for tfjs' cpu backend; contracts in
 * ../optimizer.ts and ../globalNorm.ts. One pass over each variable where tf.train's Adam runs about ten ops (each a
 * pass over memory and a tensor). Not registered for wasm, where tf.train's SIMD passes measured faster. Every operation rounds to float32 (Math.fround) in tf.train's order, so the
 * values follow what the unfused optimiser computes.
 */
import type * as tf from '@tensorflow/tfjs';
import { hostOf } from './host';

type Inputs = Record<string, tf.TensorInfo>;
interface KernelArgs {
  inputs: Inputs;
  backend: unknown;
  attrs: Record<string, number>;
}

const f = Math.fround;

/** The clipping factor maxNorm / max(norm, maxNorm); 1 when maxNorm is 0 (no clipping). */
function clipScale(norm: number, maxNorm: number): number | null {
  return maxNorm > 0 ? f(maxNorm / Math.max(norm, maxNorm)) : null;
}

export function adamUpdateCpu({ inputs, backend, attrs: a }: KernelArgs): tf.TensorInfo[] {
  const host = hostOf(backend);
  const n = inputs.grad.shape.reduce((x, y) => x * y, 1);
  const newValue = host.make(inputs.value.shape);
  const newMoments = host.make([2, n]);
  const [value, grad, moments, norm, out, outM] = [inputs.value, inputs.grad, inputs.moments, inputs.norm, newValue, newMoments].map((t) => host.read(t));
  const scale = clipScale(norm[0], a.maxNorm);
  const [b1, b2, nb1, nb2] = [f(a.beta1), f(a.beta2), f(1 - a.beta1), f(1 - a.beta2)];
  const [negLr, eps, acc1, acc2, keep] = [f(-a.learningRate), f(a.epsilon), f(a.oneMinusAccBeta1), f(a.oneMinusAccBeta2), f(a.keep)];
  for (let i = 0; i < n; i++) {
    const g = scale === null ? grad[i] : f(grad[i] * scale);
    const m = f(f(moments[i] * b1) + f(g * nb1));
    const v = f(f(moments[n + i] * b2) + f(f(g * g) * nb2));
    outM[i] = m;
    outM[n + i] = v;
    const step = f(f(f(m / acc1) / f(f(Math.sqrt(f(v / acc2))) + eps)) * negLr);
    out[i] = f(step + f(value[i] * keep));
  }
  return [newValue, newMoments];
}

export function momentumUpdateCpu({ inputs, backend, attrs: a }: KernelArgs): tf.TensorInfo[] {
  const host = hostOf(backend);
  const n = inputs.grad.shape.reduce((x, y) => x * y, 1);
  const newValue = host.make(inputs.value.shape);
  const newAccum = host.make(inputs.accum.shape);
  const [value, grad, accum, norm, out, outA] = [inputs.value, inputs.grad, inputs.accum, inputs.norm, newValue, newAccum].map((t) => host.read(t));
  const scale = clipScale(norm[0], a.maxNorm);
  const [momentum, negLr] = [f(a.momentum), f(-a.learningRate)];
  for (let i = 0; i < n; i++) {
    const g = scale === null ? grad[i] : f(grad[i] * scale);
    const acc = f(f(momentum * accum[i]) + g);
    outA[i] = acc;
    out[i] = f(f(negLr * acc) + value[i]);
  }
  return [newValue, newAccum];
}

/** sqrt of the sum of every entry squared, over inputs g0, g1, ... (summed in float64). */
export function globalNormCpu({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const host = hostOf(backend);
  const out = host.make([1]);
  let total = 0;
  for (const key of Object.keys(inputs)) {
    const g = host.read(inputs[key]);
    for (let i = 0; i < g.length; i++) total += g[i] * g[i];
  }
  host.read(out)[0] = Math.sqrt(total);
  return out;
}
