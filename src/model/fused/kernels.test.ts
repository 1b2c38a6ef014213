import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerFusedKernel, setFusedKernels, takeFusedNotices, useFusedKernels } from './kernels';
import { useBackend } from '../../../testing/tfjs';

describe('useFusedKernels', () => {
  afterAll(() => setFusedKernels(true));

  it('answers by what the active backend registers, the shape check and the switch', async () => {
    await useBackend('cpu');
    const identity: tf.KernelFunc = ({ inputs }) => inputs.x as tf.TensorInfo;
    registerFusedKernel('TestFusedA', 'cpu', identity, (a) => (a.hidden > 8 ? `hidden ${a.hidden} is too big here` : null));
    registerFusedKernel('TestFusedB', 'cpu', identity);
    takeFusedNotices();
    expect(useFusedKernels(['TestFusedA', 'TestFusedB'], { hidden: 4 })).toBe(true);
    expect(useFusedKernels(['TestFusedA', 'TestFusedMissing'], { hidden: 4 })).toBe(false);
    expect(takeFusedNotices()).toEqual([]);
    // A refused shape runs unfused and leaves one notice, however often it is asked.
    expect(useFusedKernels(['TestFusedA'], { hidden: 9 })).toBe(false);
    expect(useFusedKernels(['TestFusedA'], { hidden: 9 })).toBe(false);
    expect(takeFusedNotices()).toEqual(['hidden 9 is too big here']);
    expect(takeFusedNotices()).toEqual([]);
    setFusedKernels(false);
    expect(useFusedKernels(['TestFusedB'])).toBe(false);
    setFusedKernels(true);
    await useBackend('wasm');
    expect(useFusedKernels(['TestFusedB'])).toBe(false);
  });
});
