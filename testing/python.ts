/**
 * @file Debian's Python with torch, for the tests that check python/ner_studio_torch against the TypeScript engine.
 * Where /usr/bin/python3 has no torch, those tests are skipped and say so (PYTHON_SKIP_REASON), never passed empty.
 */
import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
/** python/ of this repository: the package under test, put on PYTHONPATH. */
export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

/** Found without importing torch (which takes seconds): the spec lookup only. */
function probe(): string | null {
  const r = spawnSync(PYTHON, ['-c', "import importlib.util as u, sys; sys.exit(0 if u.find_spec('torch') and u.find_spec('yaml') else 3)"], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} is missing (${r.error.message})`;
  return r.status === 0 ? null : `${PYTHON} cannot import torch and PyYAML (apt-get install python3-torch)`;
}

const reason = probe();
export const HAS_TORCH = reason === null;
export const PYTHON_SKIP_REASON = reason ? `skipped: ${reason}` : '';

export interface PythonResult {
  status: number;
  stdout: string;
  stderr: string;
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, PYTHONPATH: PYTHON_DIR, PYTHONDONTWRITEBYTECODE: '1', ...extra };
}

/** `python3 ARGS` with the repository's package importable, `input` on stdin; never rejects on a non-zero exit. */
export function runPython(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; onSpawn?: (child: ChildProcess) => void } = {}): Promise<PythonResult> {
  return new Promise((resolve) => {
    const child = execFile(PYTHON, args, { cwd: options.cwd, env: env(options.env), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}

/**
 * torchrun with N processes on the CPU. `--redirects 2 --tee 2`: Debian's torch 1.13 under Python 3.11 cannot parse
 * the default '0' of those options (its Std flag enum), and stderr tee'd to the console is what we want anyway.
 */
export function torchrun(nproc: number, args: string[], options: Parameters<typeof runPython>[1] = {}): Promise<PythonResult> {
  return runPython(['-m', 'torch.distributed.run', '--redirects', '2', '--tee', '2', '--nproc_per_node', String(nproc), '--monitor_interval', '0.5', ...args], options);
}
