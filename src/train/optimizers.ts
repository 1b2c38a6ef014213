/**
 * @file The optimisers a run can pick, by name: Adam, AdamW (decoupled weight decay, Loshchilov &
 * Hutter 2019) and SGD with momentum. Each wraps a tf.train optimiser so that the learning rate can
 * change every step (schedules) and its moments can be exported and restored (resume); where the backend has the
 * fused update kernels (webgpu), makeOptimizer gives fusedOptimizer.ts' FusedOptimizer instead, with the same state.
 */
import * as tf from '@tensorflow/tfjs';
import { clipByNorm } from './clip';
import type { OptimizerName, RunConfig } from '../core/config/config';
import { FusedOptimizer, hasFusedOptimizer } from './fusedOptimizer';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type ClipBy, type NamedVariable, type OptimizerState, type SlotTensor, type TrainOptimizer } from './trainOptimizer';

export type { ClipBy, NamedVariable, OptimizerState, SlotTensor, TrainOptimizer } from './trainOptimizer';
export { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from './trainOptimizer';

type Settings = Pick<RunConfig, 'learningRate' | 'weightDecay' | 'momentum'>;

/** The tf optimiser's slots, in the order getWeights lists them after 'iter'. */
const SLOT_KINDS: Record<OptimizerName, string[]> = { adam: ['m', 'v'], adamw: ['m', 'v'], sgd: ['momentum'] };

class WrappedOptimizer implements TrainOptimizer {
  private lr: number;

  constructor(
    readonly name: OptimizerName,
    private readonly vars: NamedVariable[],
    private readonly inner: tf.Optimizer,
    private readonly setLearningRate: (lr: number) => void,
    initialLr: number,
    private readonly weightDecay = 0,
    private readonly disposeExtra: () => void = () => {},
  ) {
    this.lr = initialLr;
  }

  step(grads: tf.Tensor[], lr: number, clip?: ClipBy): void {
    if (grads.length !== this.vars.length) throw new Error(`expected ${this.vars.length} gradients, got ${grads.length}`);
    if (clip && clip.maxNorm > 0) {
      const scaled = clipByNorm(grads, clip.norm, clip.maxNorm);
      try {
        this.step(scaled, lr);
      } finally {
        tf.dispose(scaled);
      }
      return;
    }
    if (lr !== this.lr) {
      this.setLearningRate(lr);
      this.lr = lr;
    }
    if (this.weightDecay > 0) {
      // Decoupled decay on the weights before this update (torch.optim.AdamW): w <- w * (1 - lr * wd).
      const keep = 1 - lr * this.weightDecay;
      tf.tidy(() => this.vars.forEach(({ variable }) => variable.assign(tf.mul(variable, keep))));
    }
    // Passing a list, not a map: tf optimisers index their slots by position in it.
    this.inner.applyGradients(this.vars.map(({ variable }, i) => ({ name: variable.name, tensor: grads[i] })));
  }

  async exportState(): Promise<OptimizerState> {
    const [iter, ...slots] = await this.inner.getWeights(); // slots are the optimiser's own variables: read, never dispose
    const iterations = (await iter.tensor.data())[0]; // sync point
    iter.tensor.dispose();
    const names = this.slotNames();
    if (slots.length !== 0 && slots.length !== names.length) throw new Error(`optimizer ${this.name} has ${slots.length} slots, expected ${names.length}`);
    const out: SlotTensor[] = [];
    for (let i = 0; i < slots.length; i++) {
      const data = ((await slots[i].tensor.data()) as Float32Array).slice(); // sync point; a copy, never a view of backend memory
      out.push({ name: names[i], shape: slots[i].tensor.shape.slice(), data });
    }
    return { name: this.name, iterations, slots: out };
  }

  async importState(state: OptimizerState): Promise<void> {
    if (state.name !== this.name) throw new Error(`optimizer: the saved state is for '${state.name}', this run uses '${this.name}'`);
    const names = this.slotNames();
    if (state.slots.length !== 0) {
      const wrong = names.findIndex((n, i) => state.slots[i]?.name !== n);
      if (state.slots.length !== names.length || wrong >= 0) {
        throw new Error(`optimizer: saved slot '${state.slots[wrong]?.name ?? '(missing)'}' does not match '${names[wrong] ?? '(none)'}' of this model`);
      }
    }
    const tensors = [
      { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
      ...state.slots.map((s) => ({ name: s.name, tensor: tf.tensor(s.data, s.shape, 'float32') })),
    ];
    try {
      await this.inner.setWeights(tensors); // the optimiser makes its own variables from these
    } finally {
      tf.dispose(tensors.map((t) => t.tensor));
    }
  }

  dispose(): void {
    this.inner.dispose();
    this.disposeExtra();
  }

  private slotNames(): string[] {
    return SLOT_KINDS[this.name].flatMap((kind) => this.vars.map((v) => `${v.name}/${kind}`));
  }
}

function adam(name: 'adam' | 'adamw', vars: NamedVariable[], s: Settings): TrainOptimizer {
  const inner = tf.train.adam(s.learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  // AdamOptimizer reads its (protected) learningRate field on every applyGradients call.
  const setLr = (lr: number) => ((inner as unknown as { learningRate: number }).learningRate = lr);
  return new WrappedOptimizer(name, vars, inner, setLr, s.learningRate, name === 'adamw' ? s.weightDecay : 0);
}

/** Every selectable optimiser, by the name config files use. */
export const OPTIMIZER_TABLE = {
  adam: (vars: NamedVariable[], s: Settings) => adam('adam', vars, s),
  adamw: (vars: NamedVariable[], s: Settings) => adam('adamw', vars, s),
  /** v <- momentum * v + g; w <- w - lr * v (tf.train.momentum, as torch.optim.SGD with dampening 0). */
  sgd: (vars: NamedVariable[], s: Settings) => {
    const inner = tf.train.momentum(s.learningRate, s.momentum);
    // MomentumOptimizer.dispose forgets the learning-rate scalar its SGD parent keeps.
    const disposeLr = () => (inner as unknown as { c: tf.Scalar }).c.dispose();
    return new WrappedOptimizer('sgd', vars, inner, (lr) => inner.setLearningRate(lr), s.learningRate, 0, disposeLr);
  },
} satisfies Record<OptimizerName, (vars: NamedVariable[], s: Settings) => TrainOptimizer>;

/** The named optimiser over `vars`: fused update ops where the active backend has them, tf.train's elsewhere. */
export function makeOptimizer(name: OptimizerName, vars: NamedVariable[], settings: Settings): TrainOptimizer {
  if (hasFusedOptimizer(name)) return new FusedOptimizer(name, vars, settings);
  return OPTIMIZER_TABLE[name](vars, settings);
}
