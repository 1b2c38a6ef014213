/**
 * @file Slice, SplitV and Unpack for the wasm backend without copying their input first. tfjs-backend-wasm 4.22's
 * Slice starts with `readSync(x)`, a copy of the whole input out of the heap, before it takes its part; SplitV and
 * Unpack call it once per output, so splitting a tensor in k parts copies it k times (concat's gradient, the
 * LSTM's gates, unstacking time steps). In Chromium that copy was 42 % of a bilstm-small training step (CPU profile
 * of the benchmark's worker, bench/profileChromium.ts). These read the input through a view of the heap instead,
 * taken after the output's allocation, since an allocation may grow the heap and detach older views.
 */
import { backend_util, slice_util, util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Values = Float32Array | Int32Array | Uint8Array;

/**
 * Copies x[begin : begin + size] (x of `shape`, row-major) into out, one contiguous run at a time: the trailing
 * dimensions taken whole merge into the run, so a slice along the first axis is a single copy.
 */
export function copySlice(x: Values, shape: readonly number[], begin: readonly number[], size: readonly number[], out: Values): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[0];
    return;
  }
  if (size.some((s) => s === 0)) return;
  const strides = [...util.computeStrides(shape as number[]), 1]; // elements per step of each dimension
  let inner = rank - 1;
  while (inner > 0 && size[inner] === shape[inner]) inner--;
  const run = size[inner] * strides[inner];
  const start = begin[inner] * strides[inner];
  const index = new Array<number>(inner).fill(0); // position among the outer dimensions 0 .. inner-1
  let outer = 1;
  for (let d = 0; d < inner; d++) outer *= size[d];
  for (let n = 0, o = 0; n < outer; n++, o += run) {
    let offset = start;
    for (let d = 0; d < inner; d++) offset += (begin[d] + index[d]) * strides[d];
    if (run < 16) for (let j = 0; j < run; j++) out[o + j] = x[offset + j];
    else out.set(x.subarray(offset, offset + run), o);
    for (let d = inner - 1; d >= 0 && ++index[d] === size[d]; d--) index[d] = 0;
  }
}

/** x[begin : begin + size] as a new output of the wasm backend. */
function sliceOf(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  // Views only after makeOutput: its allocation may have grown the heap and detached earlier ones.
  copySlice(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
  return out;
}

interface Args<A> {
  inputs: { x: TensorInfo; value: TensorInfo };
  backend: BackendWasm;
  attrs: A;
}

function slice({ inputs: { x }, backend, attrs }: Args<{ begin: number | number[]; size: number | number[] }>): TensorInfo {
  const [begin, size] = slice_util.parseSliceParams(x as never, attrs.begin, attrs.size);
  return sliceOf(backend, x, begin, size);
}

function splitV({ inputs: { x }, backend, attrs }: Args<{ numOrSizeSplits: number | number[]; axis: number }>): TensorInfo[] {
  const axis = util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = backend_util.prepareSplitSize(x as never, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((part) => {
    const size = x.shape.slice();
    size[axis] = part;
    const out = sliceOf(backend, x, begin.slice(), size);
    begin[axis] += part;
    return out;
  });
}

function unpack({ inputs: { value }, backend, attrs }: Args<{ axis: number }>): TensorInfo[] {
  const axis = util.parseAxisParam(attrs.axis, value.shape)[0];
  const outShape = value.shape.filter((_, d) => d !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  const begin = new Array<number>(value.shape.length).fill(0);
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    begin[axis] = i;
    const out = sliceOf(backend, value, begin, size);
    return { ...out, shape: outShape };
  });
}

/**
 * The kernels by name. Strings keep tfjs' own kernels: `fallback` is that kernel, called for any dtype these
 * do not handle.
 */
export function viewSliceKernels(fallback: (name: string) => KernelFunc): { kernelName: string; kernelFunc: KernelFunc }[] {
  const table: [string, (args: Args<never>) => TensorInfo | TensorInfo[]][] = [
    ['Slice', slice as never],
    ['SplitV', splitV as never],
    ['Unpack', unpack as never],
  ];
  return table.map(([kernelName, f]) => {
    const original = fallback(kernelName);
    const kernelFunc = ((args: Args<never>) => ((args.inputs.x ?? args.inputs.value).dtype === 'string' ? original(args as never) : f(args))) as unknown as KernelFunc;
    return { kernelName, kernelFunc };
  });
}
