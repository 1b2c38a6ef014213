/**
 * @file Seeded initialisers and the one place a model's variables are created and named, so that
 * training runs repeat exactly and checkpoints can refer to every weight by a stable name.
 */
import * as tf from '@tensorflow/tfjs';

export type Rng = () => number;

/** Uniform in [-limit, limit). */
export function uniformValues(size: number, limit: number, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (rng() * 2 - 1) * limit;
  return out;
}

/** Glorot (Xavier) uniform for a [fanIn, fanOut] kernel. */
export function glorotValues(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  return uniformValues(fanIn * fanOut, Math.sqrt(6 / (fanIn + fanOut)), rng);
}

/**
 * Owns a model's trainable variables under stable names ('bilstm.fw.kernel'). tfjs variable
 * names must be unique per engine, so the tfjs names are left automatic and only ours are stable.
 */
/** A weight held outside tfjs variables (a frozen one in half precision): read and written as float32. */
export interface FrozenWeight {
  readonly shape: readonly number[];
  readonly size: number;
  read(): Promise<Float32Array>;
  write(values: Float32Array): void;
  dispose(): void;
}

export class ParamStore {
  readonly variables = new Map<string, tf.Variable>();
  /** Frozen weights that are not variables; saved and loaded under their names like the variables. */
  readonly frozen = new Map<string, FrozenWeight>();

  add(name: string, shape: number[], values: Float32Array): tf.Variable {
    if (this.variables.has(name)) throw new Error(`Parameter '${name}' is defined twice`);
    const initial = tf.tensor(values, shape, 'float32');
    const v = tf.variable(initial, true);
    initial.dispose();
    this.variables.set(name, v);
    return v;
  }

  /** Takes a variable made elsewhere (a pretrained encoder's) under `name`; the store disposes it. */
  adopt(name: string, variable: tf.Variable): void {
    if (this.variables.has(name) || this.frozen.has(name)) throw new Error(`Parameter '${name}' is defined twice`);
    this.variables.set(name, variable);
  }

  /** Takes a frozen non-variable weight under `name`; the store disposes it. */
  adoptFrozen(name: string, weight: FrozenWeight): void {
    if (this.variables.has(name) || this.frozen.has(name)) throw new Error(`Parameter '${name}' is defined twice`);
    this.frozen.set(name, weight);
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    for (const w of this.frozen.values()) w.dispose();
    this.variables.clear();
    this.frozen.clear();
  }
}
