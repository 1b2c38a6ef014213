/**
 * @file A checkpoint's weights checked before a model takes them: every tensor the model has, with its shape, none
 * it lacks, and no NaN or infinite value (a run that diverged saves such weights, and they tag everything O).
 */
import type { SafetensorData } from './safetensors';
import { CheckpointError } from './zipEntries';

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Throws a CheckpointError naming the zip, model.safetensors and the tensor at the first problem found. */
export function checkWeights(
  tensors: ReadonlyMap<string, { shape: number[]; data: SafetensorData }>,
  file: string,
  expected?: ReadonlyMap<string, readonly number[]>,
): void {
  const where = `${file}: model.safetensors`;
  if (expected) {
    for (const [name, shape] of expected) {
      const t = tensors.get(name);
      if (!t) throw new CheckpointError(`${where} has no tensor '${name}' (shape ${shapeText(shape)}), which the model in config.json needs`);
      if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
        throw new CheckpointError(`${where}: tensor '${name}' has shape ${shapeText(t.shape)}, but the model config.json and vocab.json describe needs ${shapeText(shape)}`);
      }
    }
    for (const name of tensors.keys()) {
      if (!expected.has(name)) throw new CheckpointError(`${where} has a tensor '${name}' that the model in config.json does not have`);
    }
  }
  for (const [name, t] of tensors) {
    if (!(t.data instanceof Float32Array)) continue;
    let nan = 0;
    let infinite = 0;
    const d = t.data;
    for (let i = 0; i < d.length; i++) {
      const x = d[i];
      if (x - x !== 0) {
        if (x !== x) nan++;
        else infinite++;
      }
    }
    if (nan + infinite > 0) {
      const what = [nan ? `${nan} NaN` : '', infinite ? `${infinite} infinite` : ''].filter(Boolean).join(' and ');
      throw new CheckpointError(`${where}: tensor '${name}' has ${what} values of ${d.length}: training diverged before this checkpoint was saved; use an earlier checkpoint, or train again with a lower learning rate`);
    }
  }
}
