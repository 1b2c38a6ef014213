/**
 * @file Adam, AdamW and SGD with momentum as fused update ops (model/fused/optimizer.ts): two dispatches per variable
 * and step where tf.train's optimisers take about ten, with clipping's scale applied inside. Used on backends that
 * register the kernels (webgpu); the state it exports and imports is tf.train's (the same slot names, shapes and
 * order, and the same iteration count), so a run can move between this and optimizers.ts' WrappedOptimizer, as when
 * a lost GPU sends it to wasm.
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from '../core/config/config';
import { ADAM_UPDATE, adamUpdate, MOMENTUM_UPDATE, momentumUpdate } from '../model/fused/optimizer';
import { useFusedKernels } from '../model/fused/kernels';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type ClipBy, type NamedVariable, type OptimizerState, type TrainOptimizer } from './optimizers';

interface Settings {
  weightDecay: number;
  momentum: number;
}

/** Whether the active backend runs this optimiser's update as a fused op. */
export function hasFusedOptimizer(name: OptimizerName): boolean {
  return useFusedKernels([name === 'sgd' ? MOMENTUM_UPDATE : ADAM_UPDATE]);
}

/** float32 arithmetic, as the device does it: tf.train.adam keeps beta1^t in a float32 tensor. */
const f32 = Math.fround;

export class FusedOptimizer implements TrainOptimizer {
  /** Per variable: Adam's moments [2, n] (m then v), or SGD's accumulation [like the variable]; null before the first step. */
  private slots: tf.Variable[] | null = null;
  private iterations = 0;
  private accBeta1 = f32(ADAM_BETA1);
  private accBeta2 = f32(ADAM_BETA2);

  constructor(
    readonly name: OptimizerName,
    private readonly vars: NamedVariable[],
    private readonly settings: Settings,
  ) {}

  step(grads: tf.Tensor[], lr: number, clip?: ClipBy): void {
    if (grads.length !== this.vars.length) throw new Error(`expected ${this.vars.length} gradients, got ${grads.length}`);
    const adam = this.name !== 'sgd';
    this.slots ??= this.vars.map(({ variable: v }) => tf.tidy(() => tf.variable(tf.zeros(adam ? [2, v.size] : v.shape), false)));
    const slots = this.slots;
    const maxNorm = clip && clip.maxNorm > 0 ? clip.maxNorm : 0;
    tf.tidy(() => {
      const norm = maxNorm > 0 ? clip!.norm.reshape([1]) : tf.zeros([1]);
      this.vars.forEach(({ variable }, i) => {
        const [value, slot] = adam
          ? adamUpdate(variable, grads[i], slots[i], norm, {
              learningRate: lr,
              beta1: ADAM_BETA1,
              beta2: ADAM_BETA2,
              epsilon: ADAM_EPSILON,
              oneMinusAccBeta1: f32(1 - this.accBeta1),
              oneMinusAccBeta2: f32(1 - this.accBeta2),
              keep: this.name === 'adamw' ? 1 - lr * this.settings.weightDecay : 1,
              maxNorm,
            })
          : momentumUpdate(variable, grads[i], slots[i], norm, { learningRate: lr, momentum: this.settings.momentum, maxNorm });
        variable.assign(value);
        slots[i].assign(slot);
      });
    });
    this.accBeta1 = f32(this.accBeta1 * f32(ADAM_BETA1));
    this.accBeta2 = f32(this.accBeta2 * f32(ADAM_BETA2));
    this.iterations++;
  }

  async exportState(): Promise<OptimizerState> {
    const slots: OptimizerState['slots'] = [];
    if (this.slots) {
      const values = await Promise.all(this.slots.map((s) => s.data() as Promise<Float32Array>)); // sync point
      const kinds = this.name === 'sgd' ? ['momentum'] : ['m', 'v'];
      kinds.forEach((kind, k) => {
        this.vars.forEach(({ name, variable }, i) => {
          const n = variable.size;
          slots.push({ name: `${name}/${kind}`, shape: variable.shape.slice(), data: values[i].slice(k * n, (k + 1) * n) });
        });
      });
    }
    return { name: this.name, iterations: this.iterations, slots };
  }

  async importState(state: OptimizerState): Promise<void> {
    if (state.name !== this.name) throw new Error(`optimizer: the saved state is for '${state.name}', this run uses '${this.name}'`);
    const kinds = this.name === 'sgd' ? ['momentum'] : ['m', 'v'];
    const names = kinds.flatMap((kind) => this.vars.map((v) => `${v.name}/${kind}`));
    if (state.slots.length !== 0) {
      const wrong = names.findIndex((n, i) => state.slots[i]?.name !== n || state.slots[i].data.length !== this.vars[i % this.vars.length].variable.size);
      if (state.slots.length !== names.length || wrong >= 0) {
        throw new Error(`optimizer: saved slot '${state.slots[wrong]?.name ?? '(missing)'}' does not match '${names[wrong] ?? '(none)'}' of this model`);
      }
      tf.dispose(this.slots ?? []);
      const V = this.vars.length;
      this.slots = this.vars.map(({ variable }, i) => {
        const data = new Float32Array(kinds.length * variable.size);
        kinds.forEach((_, k) => data.set(state.slots[k * V + i].data, k * variable.size));
        return tf.tidy(() => tf.variable(tf.tensor(data, kinds.length === 2 ? [2, variable.size] : variable.shape), false));
      });
    }
    this.iterations = state.iterations;
    this.accBeta1 = f32(ADAM_BETA1 ** (state.iterations + 1));
    this.accBeta2 = f32(ADAM_BETA2 ** (state.iterations + 1));
  }

  dispose(): void {
    tf.dispose(this.slots ?? []);
    this.slots = null;
  }
}
