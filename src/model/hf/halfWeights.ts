/**
 * @file A frozen dense weight kept in half precision: two binary16 values to an int32 word
 * (core/checkpoint/float16.ts), half the bytes of float32 on the device. Arithmetic stays float32:
 * each use expands it (the UnpackHalves kernel, backend/halfKernels.ts), multiplies and drops the
 * expansion, and the backward pass expands it again rather than keep it, so at most one layer's
 * float32 copy is alive at a time. It never trains; LoRA adapters beside it do.
 */
import * as tf from '@tensorflow/tfjs';
import { packHalves, UNPACK_HALVES } from '../../core/checkpoint/float16';

export class HalfWeight {
  readonly trainable = false;
  readonly size: number;
  private packed: tf.Tensor1D; // [ceil(in * out / 2)] int32

  /** values: [in, out] row-major. */
  constructor(
    values: Float32Array,
    readonly shape: [number, number],
  ) {
    this.size = shape[0] * shape[1];
    this.packed = this.pack(values);
  }

  /** [in, out] float32, for the caller to dispose. */
  expand(): tf.Tensor2D {
    return tf.tidy(() => (tf.engine().runKernel(UNPACK_HALVES, { x: this.packed }, { size: this.size }) as tf.Tensor).reshape(this.shape) as tf.Tensor2D);
  }

  /** The values as float32, each rounded to half precision. */
  async read(): Promise<Float32Array> {
    const t = this.expand();
    const data = (await t.data()) as Float32Array; // sync point
    t.dispose();
    return data;
  }

  write(values: Float32Array): void {
    const next = this.pack(values);
    this.packed.dispose();
    this.packed = next;
  }

  dispose(): void {
    this.packed.dispose();
  }

  private pack(values: Float32Array): tf.Tensor1D {
    if (values.length !== this.size) throw new Error(`A [${this.shape}] weight needs ${this.size} values, got ${values.length}`);
    return tf.keep(tf.tensor1d(packHalves(values), 'int32'));
  }
}

/** [N, in] x a half-precision [in, out] weight -> [N, out]; the gradient flows to x only. */
export function matMulHalf(x: tf.Tensor2D, w: HalfWeight): tf.Tensor2D {
  const product = tf.customGrad((a) => {
    const weight = w.expand();
    const value = tf.matMul(a as tf.Tensor2D, weight);
    weight.dispose();
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const again = w.expand();
        const transposed = tf.transpose(again);
        const dx = tf.matMul(dy as tf.Tensor2D, transposed);
        tf.dispose([again, transposed]);
        return dx;
      },
    };
  });
  return product(x) as tf.Tensor2D;
}
