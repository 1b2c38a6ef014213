/**
 * @file Counts GPU compute dispatches by wrapping GPUComputePassEncoder.prototype.dispatchWorkgroups, the one call
 * through which tfjs' webgpu backend (recordAndSubmit) launches every kernel. tfjs' own dispatchCountInPass resets at
 * each queue submit, so it cannot count a whole step; the wrapper sees every dispatch of every pass.
 */
let dispatches = 0;
let installed = false;

/** Installs the counter once (before the backend starts); returns a reader of the running total. */
export function countDispatches(): () => number {
  if (!installed && typeof GPUComputePassEncoder !== 'undefined') {
    const proto = GPUComputePassEncoder.prototype;
    const dispatch = proto.dispatchWorkgroups;
    proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>) {
      dispatches++;
      return dispatch.apply(this, args);
    };
    installed = true;
  }
  return () => dispatches;
}
