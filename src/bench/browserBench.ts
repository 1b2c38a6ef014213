/**
 * @file The benchmark page (bench.html): `npm run bench` opens it in headless Chromium and calls
 * window.runBench(request) once per backend; each backend gets a fresh worker, so one cannot slow the next.
 * Results also land in window.__benchResult for a person poking at the page.
 */
import type { BenchRequest, BenchResponse } from './protocol';
import type { BenchRun } from '../train/benchReport';

export interface BrowserBenchResult {
  runs: BenchRun[];
  notes: string[];
}

declare global {
  interface Window {
    runBench: (req: BenchRequest) => Promise<BrowserBenchResult>;
    __benchResult?: BrowserBenchResult;
  }
}

function runInWorker(req: BenchRequest): Promise<BrowserBenchResult> {
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: `bench-${req.backend}` });
  const result: BrowserBenchResult = { runs: [], notes: [] };
  return new Promise((resolve) => {
    const finish = () => {
      worker.terminate();
      resolve(result);
    };
    worker.onerror = (e) => {
      result.notes.push(`${req.backend}: worker error: ${e.message}`);
      finish();
    };
    worker.onmessage = (e: MessageEvent<BenchResponse>) => {
      const msg = e.data;
      switch (msg.type) {
        case 'adapter':
          result.notes.push(`${req.backend} adapter: ${msg.description}`);
          return;
        case 'run':
          result.runs.push(msg.run);
          return;
        case 'skip':
          result.notes.push(`${req.backend} ${msg.preset}: not measured (${msg.reason})`);
          return;
        case 'failed':
          result.notes.push(`${req.backend}: not measured (${msg.reason})`);
          return finish();
        case 'done':
          return finish();
        default:
          msg satisfies never;
      }
    };
    worker.postMessage(req);
  });
}

window.runBench = async (req) => {
  const result = await runInWorker(req);
  const sofar = window.__benchResult ?? { runs: [], notes: [] };
  window.__benchResult = { runs: [...sofar.runs, ...result.runs], notes: [...sofar.notes, ...result.notes] };
  document.body.dataset.state = 'done';
  return result;
};
document.body.dataset.state = 'ready';
