/**
 * @file Checkpoint averaging (RunConfig.averageCheckpoints): the element-wise mean of the weights at the last N
 * evaluations, which smooths out where the last updates happened to land. Plain arrays in and out.
 */
import type { WeightTensor } from '../core/checkpoint/checkpoint';

/** The mean of several snapshots of the same variables (same names, shapes and order), accumulated in float64. */
export function meanWeights(snapshots: readonly WeightTensor[][]): WeightTensor[] {
  if (snapshots.length === 0) throw new Error('meanWeights needs at least one snapshot');
  const [first] = snapshots;
  return first.map((w, i) => {
    const sum = new Float64Array(w.data.length);
    for (const snapshot of snapshots) {
      const v = snapshot[i];
      if (v.name !== w.name || v.data.length !== w.data.length) throw new Error(`snapshots differ at '${w.name}': '${v.name}' with ${v.data.length} values`);
      for (let k = 0; k < sum.length; k++) sum[k] += v.data[k];
    }
    const data = new Float32Array(sum.length);
    for (let k = 0; k < sum.length; k++) data[k] = sum[k] / snapshots.length;
    return { name: w.name, shape: w.shape.slice(), data };
  });
}
