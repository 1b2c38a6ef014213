/**
 * @file The tfjs backend of the `ner` commands. Node has no WebGPU here and tfjs-node cannot install, so tfjs' wasm
 * backend (SIMD, one thread) is the fast path; a run file asking for cpu gets cpu, so its numbers can be reproduced.
 */
import type { BackendChoice } from '../core/config/config';
import { activateBackend } from '../backend/activate';

export type NodeBackend = 'wasm' | 'cpu';

export async function startNodeBackend(choice: BackendChoice): Promise<NodeBackend> {
  const name: NodeBackend = choice === 'cpu' ? 'cpu' : 'wasm';
  if (choice === 'webgpu') process.stderr.write('note: training.backend webgpu is for the studio; the command line runs on wasm\n');
  await activateBackend(name);
  return name;
}
