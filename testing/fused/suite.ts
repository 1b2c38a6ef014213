/**
 * @file The fused kernels checked against the unfused ops they replace, on whatever backend is active (webgpu:
 * SwiftShader in headless Chromium through e2e/fused.spec.ts, or Dawn in Node through dawn.test.ts). Every op runs
 * twice on the same inputs, fused and with setFusedKernels(false), and every output and gradient must agree within
 * 1e-4 relative (largest difference over the largest magnitude of the tensor); Viterbi paths must be identical;
 * two seeded fused training runs must be bit-identical. Lengths T and 1, an all-padding row, constrained
 * transitions and both directions are in every case. Each check also fails on leaked tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/core/config/config';
import { viterbiDecode } from '../../src/core/decode/viterbi';
import { buildVocabularies, makeEncoder } from '../../src/core/dataset/vocab';
import { allowedTransitions } from '../../src/core/tags/constraints';
import { constrainedScores, crfLogLikelihood } from '../../src/model/crf';
import { setFusedKernels, takeFusedNotices, useFusedKernels } from '../../src/model/fused/kernels';
import { LSTM_BACKWARD, LSTM_FORWARD, lstmLayer } from '../../src/model/fused/lstm';
import { CRF_VITERBI, viterbiPaths } from '../../src/model/fused/viterbi';
import { GLOBAL_NORM, globalNorm } from '../../src/model/fused/globalNorm';
import { DENSE, DENSE_GRAD, dense, type DenseActivation } from '../../src/model/fused/dense';
import { EMBEDDING_GRAD, embeddingLookup } from '../../src/model/fused/embedding';
import { CRF_KERNELS } from '../../src/model/fused/crfLikelihood';
import { ADAM_UPDATE, MOMENTUM_UPDATE } from '../../src/model/fused/optimizer';
import { runTraining } from '../../src/train/runTraining';
import { OPTIMIZER_TABLE } from '../../src/train/optimizers';
import { FusedOptimizer } from '../../src/train/fusedOptimizer';
import type { OptimizerName } from '../../src/core/config/config';
import { bothWays, check, compare, LENGTHS, maskOf, rng, T, values, type CheckResult } from './compare';

export type { CheckResult } from './compare';

function lstmCheck(dirs: number, H: number): Promise<CheckResult> {
  return check(`LSTM, ${dirs} direction${dirs > 1 ? 's' : ''}, hidden ${H}: outputs and every gradient`, async () => {
    if (!useFusedKernels([LSTM_FORWARD, LSTM_BACKWARD], { hidden: H, inputDim: 3, directions: dirs })) return 'the fused LSTM kernels are not available here';
    const r = rng(11 + H);
    const B = LENGTHS.length;
    const D = 3;
    const xs = values(r, B * T * D);
    const ws = Array.from({ length: dirs }, () => [values(r, (D + H) * 4 * H, 0.5), values(r, 4 * H, 0.5)]).flat();
    const probes = values(r, B * T * dirs * H);
    const [a, b] = await bothWays(() =>
      tf.tidy(() => {
        const mask = maskOf(LENGTHS);
        const x = tf.tensor3d(xs, [B, T, D]);
        const weights = ws.map((w, i) => (i % 2 === 0 ? tf.tensor2d(w, [D + H, 4 * H]) : tf.tensor1d(w)));
        const probe = tf.tensor3d(probes, [B, T, dirs * H]);
        const layer = (xx: tf.Tensor, ...w: tf.Tensor[]) =>
          lstmLayer(xx as tf.Tensor3D, mask, Array.from({ length: dirs }, (_, d) => ({ kernel: w[2 * d] as tf.Tensor2D, bias: w[2 * d + 1] as tf.Tensor1D })));
        const { value, grads } = tf.valueAndGrads((xx: tf.Tensor, ...w: tf.Tensor[]) => tf.sum(tf.mul(layer(xx, ...w), probe)))([x, ...weights]);
        return [layer(x, ...weights), value, ...grads];
      }),
    );
    return compare(['outputs', 'loss', 'dx', ...Array.from({ length: dirs }, (_, d) => [`dKernel${d}`, `dBias${d}`]).flat()], a, b);
  });
}

/** IOB2 labels and their constraints, so the CRF checks include forbidden transitions. */
const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];

function crfInputs(seed: number) {
  const r = rng(seed);
  const B = LENGTHS.length;
  const K = LABELS.length;
  const labels = LENGTHS.flatMap((n) => Array.from({ length: T }, (_, t) => (t < n ? Math.floor(((r() + 1) / 2) * K) % K : 0)));
  return { B, K, r, labels, emissions: values(r, B * T * K, 2), trans: values(r, K * K), start: values(r, K), end: values(r, K) };
}

function crfCheck(): Promise<CheckResult> {
  return check('CRF log-likelihood with constrained transitions: values and every gradient', async () => {
    const p = crfInputs(5);
    const allowed = allowedTransitions(LABELS, 'IOB2');
    const [a, b] = await bothWays(() =>
      tf.tidy(() => {
        const mask = maskOf(LENGTHS);
        const labels = tf.tensor2d(p.labels, [p.B, T], 'int32');
        const weights = [tf.tensor3d(p.emissions, [p.B, T, p.K]), tf.tensor2d(p.trans, [p.K, p.K]), tf.tensor1d(p.start), tf.tensor1d(p.end)];
        const ll = (e: tf.Tensor, t: tf.Tensor, s: tf.Tensor, en: tf.Tensor) => {
          const c = constrainedScores({ transitions: t as tf.Tensor2D, start: s as tf.Tensor1D, end: en as tf.Tensor1D }, allowed);
          return crfLogLikelihood(e as tf.Tensor3D, labels, mask, c.transitions, c.start, c.end);
        };
        const weighting = tf.tensor1d([1, -2, 3, 0.5]);
        const { grads } = tf.valueAndGrads((e: tf.Tensor, t: tf.Tensor, s: tf.Tensor, en: tf.Tensor) => tf.sum(tf.mul(ll(e, t, s, en), weighting)))(weights);
        return [ll(weights[0], weights[1], weights[2], weights[3]), ...grads];
      }),
    );
    return compare(['log-likelihood', 'dEmissions', 'dTransitions', 'dStart', 'dEnd'], a, b);
  });
}

function viterbiCheck(): Promise<CheckResult> {
  return check('Viterbi with constrained transitions: identical paths', async () => {
    for (const seed of [1, 2, 3]) {
      const p = crfInputs(seed);
      const allowed = allowedTransitions(LABELS, 'IOB2');
      const scores = tf.tidy(() => {
        const c = constrainedScores({ transitions: tf.tensor2d(p.trans, [p.K, p.K]), start: tf.tensor1d(p.start), end: tf.tensor1d(p.end) }, allowed);
        return [tf.tensor3d(p.emissions, [p.B, T, p.K]), c.transitions, c.start, c.end];
      });
      const [e, tr, s, en] = scores;
      const fused = await viterbiPaths(e as tf.Tensor3D, LENGTHS, tr as tf.Tensor2D, s as tf.Tensor1D, en as tf.Tensor1D);
      const data = await Promise.all(scores.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose(scores);
      const reference = viterbiDecode(data[0], p.B, T, p.K, LENGTHS, data[1], data[2], data[3]);
      if (JSON.stringify(fused) !== JSON.stringify(reference)) return `seed ${seed}: ${JSON.stringify(fused)} against ${JSON.stringify(reference)}`;
    }
    return null;
  });
}

function denseCheck(activation: DenseActivation, N: number): Promise<CheckResult> {
  return check(`dense layer, ${activation}, ${N} rows: outputs and every gradient`, async () => {
    const r = rng(N);
    const [I, O] = [6, 5];
    const data = [values(r, N * I), values(r, I * O), values(r, O), values(r, N * O)];
    const [a, b] = await bothWays(() =>
      tf.tidy(() => {
        const [x, w, bias, probe] = [tf.tensor2d(data[0], [N, I]), tf.tensor2d(data[1], [I, O]), tf.tensor1d(data[2]), tf.tensor2d(data[3], [N, O])];
        const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, activation);
        const { grads } = tf.valueAndGrads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(f(xx, ww, bb), probe)))([x, w, bias]);
        return [f(x, w, bias), ...grads];
      }),
    );
    return compare(['outputs', 'dx', 'dKernel', 'dBias'], a, b);
  });
}

function embeddingCheck(): Promise<CheckResult> {
  return check('embedding lookup with repeated ids: rows and the table gradient', async () => {
    const r = rng(4);
    const ids = Int32Array.from([3, 0, 3, 7, 0, 0, 9, 3]);
    const table = values(r, 10 * 4);
    const probe = values(r, ids.length * 4);
    const [a, b] = await bothWays(() =>
      tf.tidy(() => {
        const t = tf.tensor2d(table, [10, 4]);
        const p = tf.tensor2d(probe, [ids.length, 4]);
        const { grads } = tf.valueAndGrads((tt: tf.Tensor) => tf.sum(tf.mul(embeddingLookup(tt as tf.Tensor2D, ids), p)))([t]);
        return [embeddingLookup(t, ids), ...grads];
      }),
    );
    return compare(['rows', 'dTable'], a, b);
  });
}

function normCheck(): Promise<CheckResult> {
  return check('global norm of 13 tensors', async () => {
    const r = rng(3);
    const xs = Array.from({ length: 13 }, (_, i) => values(r, 7 * i + 1));
    const [a, b] = await bothWays(() => tf.tidy(() => [globalNorm(xs.map((x) => tf.tensor1d(x)))]));
    return compare(['norm'], a, b);
  });
}

function optimizerCheck(name: OptimizerName): Promise<CheckResult> {
  return check(`${name} update with clipping, 4 steps: weights and state, also when a run moves between fused and unfused`, async () => {
    const r = rng(9);
    const start = [values(r, 12), values(r, 5)];
    const steps = [0, 1, 2, 3].map(() => [values(r, 12), values(r, 5)]);
    const settings = { learningRate: 0.1, weightDecay: 0.05, momentum: 0.9 };
    /** `fused[i]`: whether step i runs fused; a change hands the exported state to a fresh optimiser, as a resume does. */
    const run = async (fused: boolean[]) => {
      const vars = start.map((v, i) => ({ name: `w${i}`, variable: tf.tidy(() => tf.variable(tf.tensor(v, i === 0 ? [3, 4] : [5]))) }));
      const make = (f: boolean) => (f ? new FusedOptimizer(name, vars, settings) : OPTIMIZER_TABLE[name](vars, settings));
      let opt = make(fused[0]);
      for (let i = 0; i < steps.length; i++) {
        if (i > 0 && fused[i] !== fused[i - 1]) {
          const state = await opt.exportState();
          opt.dispose();
          opt = make(fused[i]);
          await opt.importState(state);
        }
        const grads = steps[i].map((v, k) => tf.tensor(v, vars[k].variable.shape));
        const norm = globalNorm(grads);
        opt.step(grads, 0.1, { norm, maxNorm: 1 });
        tf.dispose([...grads, norm]);
      }
      const out = await Promise.all(vars.map((v) => v.variable.data() as Promise<Float32Array>));
      const state = await opt.exportState();
      opt.dispose();
      vars.forEach((v) => v.variable.dispose());
      return { out: [...out, ...state.slots.map((s) => s.data)], state };
    };
    const reference = await run([false, false, false, false]);
    const names = reference.state.slots.map((s) => s.name);
    for (const plan of [[true, true, true, true], [false, false, true, true], [true, true, false, false]]) {
      const other = await run(plan);
      const label = plan.map((f) => (f ? 'fused' : 'unfused')).join(', ');
      if (other.state.iterations !== reference.state.iterations) return `${label}: iterations ${other.state.iterations}, expected ${reference.state.iterations}`;
      if (JSON.stringify(other.state.slots.map((s) => s.name)) !== JSON.stringify(names)) return `${label}: slots ${other.state.slots.map((s) => s.name)} against ${names}`;
      const problem = compare(['w0', 'w1', ...names], reference.out, other.out);
      if (problem) return `${label}: ${problem}`;
    }
    return null;
  });
}

const SENTENCES = [
  ['Anna Berg lives in Oslo', 'B-PER I-PER O O B-LOC'],
  ['Oslo is cold', 'B-LOC O O'],
  ['Carl visited Rome today', 'B-PER O B-LOC O'],
  ['Rome', 'B-LOC'],
  ['the weather in Oslo and Rome is nice', 'O O O B-LOC O B-LOC O O'],
].map(([text, tags]) => ({ tokens: text.split(' '), tags: tags.split(' ') }));

async function train(config: RunConfig): Promise<{ losses: number[]; weights: Float32Array[] }> {
  const vocab = buildVocabularies(SENTENCES);
  const encode = makeEncoder(vocab);
  const losses: number[] = [];
  const result = await runTraining(config, { vocab, train: SENTENCES.map(encode), dev: [] }, { onStep: (e) => losses.push(e.loss) });
  const weights = (await result.tagger.exportWeights()).map((w) => w.data);
  result.tagger.dispose();
  return { losses, weights };
}

function trainingCheck(optimizer: OptimizerName): Promise<CheckResult> {
  return check(`BiLSTM-CRF training, 2 layers, ${optimizer}, 3 steps: fused = unfused, and a seeded fused run repeats bit for bit`, async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, wordDim: 6, charDim: 3, charFilters: 4, hidden: 5, lstmLayers: 2, batchSize: 2, epochs: 2, maxSteps: 3, seed: 7, optimizer, clipNorm: 1 };
    setFusedKernels(false);
    const unfused = await train(config).finally(() => setFusedKernels(true));
    const fused = await train(config);
    const again = await train(config);
    const problem = compare(['losses', ...fused.weights.map((_, i) => `weight ${i}`)], [Float32Array.from(unfused.losses), ...unfused.weights], [Float32Array.from(fused.losses), ...fused.weights]);
    if (problem) return problem;
    const same = fused.losses.every((l, i) => Object.is(l, again.losses[i])) && fused.weights.every((w, i) => w.every((v, k) => Object.is(v, again.weights[i][k])));
    return same ? null : 'two fused runs with the same seed differ';
  });
}

function limitCheck(): Promise<CheckResult> {
  return check('a hidden size past the workgroup limit runs unfused with a notice', async () => {
    const limits = (tf.backend() as unknown as { device?: GPUDevice }).device?.limits;
    if (!limits) return 'not on webgpu';
    const H = limits.maxComputeInvocationsPerWorkgroup + 1;
    takeFusedNotices();
    const out = tf.tidy(() => {
      const x = tf.ones([1, 2, 2]) as tf.Tensor3D;
      return lstmLayer(x, tf.ones([1, 2]) as tf.Tensor2D, [{ kernel: tf.zeros([2 + H, 4 * H]) as tf.Tensor2D, bias: tf.zeros([4 * H]) as tf.Tensor1D }]);
    });
    const y = await out.data();
    out.dispose();
    const notices = takeFusedNotices();
    if (y.length !== 2 * H || y.some((v) => v !== 0)) return 'the unfused LSTM gave wrong outputs';
    return notices.some((n) => n.includes(`hidden ${H}`) && n.includes('unfused')) ? null : `no notice; got ${JSON.stringify(notices)}`;
  });
}

/** Whether the active backend registers every one of these kernels (a check of a kernel it lacks is left out). */
const registered = (...names: string[]) => names.every((name) => tf.getKernel(name, tf.getBackend()) !== undefined);

/** Every check of a kernel the active backend has, in order; none throws. */
export async function runFusedChecks(): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const checks: [string[], () => Promise<CheckResult>][] = [
    [[LSTM_FORWARD, LSTM_BACKWARD], () => lstmCheck(1, 5)],
    [[LSTM_FORWARD, LSTM_BACKWARD], () => lstmCheck(2, 5)],
    [CRF_KERNELS, crfCheck],
    [[CRF_VITERBI], viterbiCheck],
    [[DENSE, DENSE_GRAD], () => denseCheck('tanh', 2100)],
    [[DENSE, DENSE_GRAD], () => denseCheck('linear', 40)],
    [[EMBEDDING_GRAD], embeddingCheck],
    [[GLOBAL_NORM], normCheck],
    [[ADAM_UPDATE], () => optimizerCheck('adam')],
    [[ADAM_UPDATE], () => optimizerCheck('adamw')],
    [[MOMENTUM_UPDATE], () => optimizerCheck('sgd')],
    // Every kernel the backend has, together in training; the others run unfused in both runs.
    [[], () => trainingCheck('adam')],
    // Only the GPU refuses shapes (workgroup limits); the CPU kernels take any.
    [[], limitCheck],
  ];
  for (const [kernels, next] of checks) {
    if (next === limitCheck && tf.getBackend() !== 'webgpu') continue;
    if (registered(...kernels)) results.push(await next());
  }
  return results;
}
