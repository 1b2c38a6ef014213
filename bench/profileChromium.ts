/**
 * @file `node --experimental-websocket --import tsx bench/profileChromium.ts [--preset bilstm-small] [--steps 200]
 * [--seconds 15] [--out FILE.cpuprofile]`: where a wasm training step's time goes in headless Chromium, the
 * browser-side twin of bench/profileStep.ts. It builds the benchmark page unminified (so functions keep their
 * names), runs the wasm benchmark in its worker, samples that worker with the DevTools CPU profiler for a while
 * after the warm-up, and lists the functions with the most self time. `--out` keeps the profile for DevTools.
 * Playwright's own DevTools sessions cannot reach a worker, so this opens a second client over the debugging port.
 * A profiling aid, not a test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { parseArgs } from '../src/cli/args';
import type { BenchRequest } from '../src/bench/protocol';
import { chromiumPath, freePort } from './chromium';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const CONLL = fileURLToPath(new URL('../../shared/datasets/conll2003/iob2/train.txt', import.meta.url));
const OUT_DIR = 'bench/out/profile-dist';

const text = { type: 'string' } as const;
const { options: o } = parseArgs(process.argv.slice(2), {
  options: { preset: text, steps: text, seconds: text, out: text },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const);
const seconds = Number(o.seconds ?? 15);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

/** A minimal DevTools client over a WebSocket, with flat sessions (one connection, a sessionId per target). */
async function devtools(url: string) {
  const ws = new WebSocket(url);
  await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  let worker = '';
  ws.addEventListener('message', (event) => {
    const m = JSON.parse(String(event.data));
    if (m.id && pending.has(m.id)) pending.get(m.id)!(m.result ?? m.error);
    if (m.method === 'Target.attachedToTarget' && m.params.targetInfo.type === 'worker') worker = m.params.sessionId;
  });
  const send = <T = unknown>(method: string, params: object = {}, sessionId?: string) =>
    new Promise<T>((resolve) => {
      pending.set(++id, resolve as (result: unknown) => void);
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  return { send, worker: () => worker, close: () => ws.close() };
}

function selfTimes(profile: CpuProfile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (const sample of profile.samples) {
    const f = byId.get(sample)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  return [...self].map(([k, n]): [string, number] => [k, (100 * n) / profile.samples.length]).sort((a, b) => b[1] - a[1]);
}

const built = spawnSync(process.execPath, [VITE, 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--minify', 'false'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) throw new Error(`vite build failed with status ${built.status}`);
const [PAGE_PORT, DEBUG_PORT] = [await freePort(), await freePort()];
const preview = spawn(process.execPath, [VITE, 'preview', '--outDir', OUT_DIR, '--port', String(PAGE_PORT), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--remote-debugging-port=${DEBUG_PORT}`];
const browser = await chromium.launch({ executablePath: chromiumPath(), args });
try {
  const page = await browser.newPage();
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${PAGE_PORT}/bench.html`);
      break;
    } catch (e) {
      if (i === 40 || preview.exitCode !== null) throw e; // vite preview not listening after 10 s, or gone
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await page.waitForSelector('body[data-state]');
  const version = (await (await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const client = await devtools(version.webSocketDebuggerUrl);
  const { targetInfos } = await client.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'page' && t.url.endsWith('/bench.html'))!;
  const { sessionId } = await client.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  await client.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);

  const request: BenchRequest = {
    backend: 'wasm',
    presets: [o.preset ?? 'bilstm-small'],
    text: readFileSync(CONLL, 'utf8'),
    file: CONLL,
    batchSize: 32,
    steps: Number(o.steps ?? 200),
    slowSteps: 3,
    warmupSteps: 2,
    predictSentences: 32,
  };
  const done = page.evaluate((req) => window.runBench(req), request);
  while (!client.worker()) await new Promise((r) => setTimeout(r, 20));
  const worker = client.worker();
  await client.send('Profiler.enable', {}, worker);
  await client.send('Profiler.setSamplingInterval', { interval: 200 }, worker); // microseconds
  await new Promise((r) => setTimeout(r, 4000)); // parsing the data and the warm-up steps
  await client.send('Profiler.start', {}, worker);
  await new Promise((r) => setTimeout(r, seconds * 1000)); // the worker ends with the benchmark: stop before it does
  const { profile } = await client.send<{ profile: CpuProfile }>('Profiler.stop', {}, worker);
  const { runs, notes } = await done;
  client.close();
  for (const run of runs) console.log(`${run.model}: ${run.train_tokens_per_s.toFixed(0)} tokens/s, ${run.ms_per_step.toFixed(0)} ms/step (sampled at 200 µs, which slows it)`);
  for (const note of notes) console.log(note);
  if (o.out) writeFileSync(o.out, JSON.stringify(profile));
  console.log(`\nself time of ${profile.samples.length} samples over ${seconds} s:`);
  for (const [name, percent] of selfTimes(profile).slice(0, 30)) console.log(`${percent.toFixed(1).padStart(5)} %  ${name}`);
} finally {
  await browser.close();
  preview.kill();
}
