/** @file The page of testing/fused/index.html: runs suite.ts on tfjs' webgpu backend and lists each check's result. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { describeAdapter } from '../../src/backend/probe';
import { runFusedChecks, type CheckResult } from './suite';

const table = document.querySelector('table')!;
const button = document.querySelector<HTMLButtonElement>('#run')!;

function row(r: CheckResult): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of [r.name, r.ok ? 'pass' : 'fail', r.detail]) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

button.addEventListener('click', async () => {
  button.disabled = true;
  table.dataset.state = 'running';
  const adapter = await describeAdapter(navigator.gpu);
  document.querySelector('#adapter')!.textContent = `Adapter: ${adapter ? [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' ') : 'none'}`;
  let results: CheckResult[];
  try {
    if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
    results = await runFusedChecks();
  } catch (e) {
    results = [{ name: 'start webgpu', ok: false, detail: (e as Error).message }];
  }
  table.tBodies[0].replaceChildren(...results.map(row));
  table.dataset.state = 'done';
  button.disabled = false;
});
