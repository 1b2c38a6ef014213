/**
 * @file The benchmark's browser half: builds the app with bench.html into bench/out/dist (not dist/, which the
 * end-to-end tests use), serves it with `vite preview` on a free port, opens bench.html in headless Chromium and
 * runs the same measurement in a worker per backend.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BenchRequest } from '../src/bench/protocol';
import type { BrowserBenchResult } from '../src/bench/browserBench';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));

/** The flags of playwright.config.ts: headless as root, no network chatter, WebGPU on. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu'];

export const chromiumPath = () => process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with status ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

const OUT_DIR = 'bench/out/dist';

/** Builds today's code, so the numbers are not those of a stale build; `rebuild: false` reuses the last one. */
function build(rebuild: boolean, log: (line: string) => void): void {
  if (!rebuild && existsSync(`${ROOT}/${OUT_DIR}/bench.html`)) return;
  log(`building ${OUT_DIR} (vite build)...`);
  const r = spawnSync(process.execPath, [VITE, 'build', '--outDir', OUT_DIR, '--emptyOutDir'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`vite build failed with status ${r.status}`);
}

export async function benchChromium(
  request: Omit<BenchRequest, 'backend'>,
  backends: BenchRequest['backend'][],
  log: (line: string) => void,
  options: { rebuild: boolean; timeoutMs: number } = { rebuild: true, timeoutMs: 20 * 60_000 },
): Promise<BrowserBenchResult> {
  const { timeoutMs } = options;
  const executablePath = chromiumPath();
  if (!executablePath) return { runs: [], notes: ['chromium: not measured (no /usr/bin/chromium; set CHROME_PATH)'] };
  build(options.rebuild, log);
  const port = await freePort();
  const preview = spawn(process.execPath, [VITE, 'preview', '--outDir', OUT_DIR, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS }).catch((e: Error) => {
    preview.kill();
    throw e;
  });
  const result: BrowserBenchResult = { runs: [], notes: [] };
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForServer(`${base}/bench.html`, preview);
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`chromium page error: ${e.message}`));
    await page.goto(`${base}/bench.html`);
    await page.waitForSelector('body[data-state]');
    // One call (and one fresh worker) per backend and preset: a slow one cannot hold up or time out the rest.
    const jobs = (backend: BenchRequest['backend']) => [
      ...request.presets.map((preset) => ({ label: preset, req: { ...request, presets: [preset], backbones: [], backend } })),
      // Backbones run on webgpu only in the browser (a narrow twin on a software adapter); wasm is measured in Node.
      ...(backend === 'webgpu' ? (request.backbones ?? []).map((name) => ({ label: name, req: { ...request, presets: [], backbones: [name], backend } })) : []),
    ];
    for (const backend of backends) {
      for (const { label: preset, req: job } of jobs(backend)) {
        log(`chromium ${backend} ${preset}...`);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no result within ${timeoutMs / 60_000} min`)), timeoutMs);
        });
        try {
          const r = await Promise.race([page.evaluate((req) => window.runBench(req), job), timeout]);
          result.runs.push(...r.runs);
          for (const note of r.notes) if (!result.notes.includes(note)) result.notes.push(note);
          for (const run of r.runs) log(`  ${run.train_sentences_per_s.toFixed(1)} sentences/s training, ${run.ms_per_step.toFixed(0)} ms/step`);
        } catch (e) {
          result.notes.push(`chromium ${backend} ${preset}: not measured (${(e as Error).message.split('\n')[0]})`);
          await page.reload(); // ends the worker still running, so it does not slow the next measurement
          await page.waitForSelector('body[data-state]');
        } finally {
          clearTimeout(timer);
        }
      }
    }
  } finally {
    await browser.close();
    preview.kill();
  }
  return result;
}
