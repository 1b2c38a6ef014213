/**
 * @file The PyTorch peer (../shared/peer/bilstm_crf_torch.py, a BiLSTM-CNN-CRF on the CPU) on the same data, batch
 * size and dimensions, where Debian's python3 has torch. Its --hidden is both directions together; ours is per
 * direction. It samples random batches rather than length buckets, and uses 2 threads where wasm uses one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from '../src/core/config/config';
import type { PeerResult } from '../src/train/benchReport';

export const PEER_SCRIPT = fileURLToPath(new URL('../../shared/peer/bilstm_crf_torch.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

/** OpenBLAS picks a slow kernel when these are set; unset for the peer's command only. */
function peerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** `threads`: torch's intra-op threads (the peer's default is 2; 1 compares like with like beside one-threaded wasm). */
export function runPeer(trainFile: string, config: RunConfig, steps: number, threads = 2): { peer: PeerResult | null; note: string } {
  if (!existsSync(PEER_SCRIPT)) return { peer: null, note: `PyTorch peer: not run (${PEER_SCRIPT} is missing)` };
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { env: peerEnv(), encoding: 'utf8' });
  if (probe.status !== 0) return { peer: null, note: `PyTorch peer: not run (${PYTHON} cannot import torch)` };
  const args = [
    PEER_SCRIPT,
    ...['--train', trainFile, '--steps', String(steps), '--batch', String(config.batchSize)],
    ...['--word-dim', String(config.wordDim), '--char-dim', String(config.charDim), '--char-filters', String(config.charFilters)],
    ...['--hidden', String(2 * config.hidden), '--threads', String(threads)],
  ];
  const r = spawnSync(PYTHON, args, { env: peerEnv(), encoding: 'utf8', timeout: 600_000 });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  try {
    const out = JSON.parse(last) as { sentences_per_s: number; tokens_per_s: number; threads: number; torch: string };
    return { peer: { sentences_per_s: out.sentences_per_s, tokens_per_s: out.tokens_per_s }, note: `PyTorch peer: torch ${out.torch}, ${out.threads} threads` };
  } catch {
    return { peer: null, note: `PyTorch peer: failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').pop()}` };
  }
}
