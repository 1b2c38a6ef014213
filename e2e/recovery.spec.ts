import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chartPoints, dropFiles, openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

const files = [
  { name: 'train.txt', text: tinyConll(32) },
  { name: 'dev.txt', text: tinyConll(8) },
];

test('a run whose WebGPU device is lost carries on on wasm', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, files);
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 32 / })).toBeVisible();
  await openTab(page, 'Train');
  await page.getByLabel('Backend').selectOption('webgpu');
  await setNumber(page, 'Epochs', 3);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => chartPoints(page, 'Dev F1 chart'), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('backend webgpu');
  await page.getByRole('button', { name: 'Simulate GPU loss' }).click();

  const status = await waitForRunEnd(page);
  expect(status).toMatch(/run-1: finished · epoch 3\/3 · step 12 .* backend wasm/);
  await expect(page.getByText(/continued on wasm from/).first()).toBeVisible();
  expect(await chartPoints(page, 'Training loss chart')).toBe(12);
  expect(await chartPoints(page, 'Dev F1 chart')).toBe(3);
  await screenshot(page, '09-device-lost');
});

/** The largest step of a training state the page has recorded as kept (the runs' savedStep in IndexedDB); 0 for none. */
function keptStateStep(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('ner-studio');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const all = db.transaction('runs').objectStore('runs').getAll();
            all.onsuccess = () => resolve(Math.max(0, ...all.result.map((r: { savedStep?: number }) => r.savedStep ?? 0)));
            all.onerror = () => resolve(0);
          } catch {
            resolve(0); // the page has not made its stores yet
          } finally {
            db.close();
          }
        };
      }),
  );
}

test('a run interrupted by a reload resumes from its last saved state', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, files);
  await setNumber(page, 'Epochs', 40);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  // A state is saved after each evaluation (each epoch here) and reaches IndexedDB asynchronously; with the fused
  // wasm kernels epochs of this data pass faster than the writes, so wait until the page has kept one.
  await expect.poll(() => chartPoints(page, 'Dev F1 chart'), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(() => keptStateStep(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.reload();

  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toHaveText(/^run-1: interrupted/);
  await expect(page.getByText(/run-1 was interrupted; its state at step \d+ is kept/)).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Load the dataset run-1 trained on \(train\.txt, dev\.txt, 32 training sentences\) to resume it\./);

  await dropFiles(page, files);
  await openTab(page, 'Data');
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 32 / })).toBeVisible();
  await setNumber(page, 'Epochs', 40);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(/resumed from the state saved at step \d+/)).toBeVisible();
  await expect.poll(() => chartPoints(page, 'Dev F1 chart'), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
  await page.getByRole('button', { name: 'Stop' }).click();
  const ended = await waitForRunEnd(page);
  expect(ended).toMatch(/^run-1: stopped/);
  // The curve has no gap and no duplicates: one loss point per step.
  const steps = Number(/step (\d+)/.exec(ended)![1]);
  expect(await chartPoints(page, 'Training loss chart')).toBe(steps);
  await screenshot(page, '10-resumed');
});

test('Pause holds a run, Continue goes on, and the tensor count stays flat across steps', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load demo dataset' }).click();
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 1500 / })).toBeVisible();
  await setNumber(page, 'Epochs', 50);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => chartPoints(page, 'Training loss chart'), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/ · about .+ left$/);
  await page.getByRole('button', { name: 'Pause' }).click();
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toHaveText(/^run-1: paused/);
  const held = await chartPoints(page, 'Training loss chart');
  await page.waitForTimeout(1500);
  expect(await chartPoints(page, 'Training loss chart')).toBe(held);
  await screenshot(page, '14-paused');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => chartPoints(page, 'Training loss chart'), { timeout: 60_000 }).toBeGreaterThanOrEqual(held + 5);
  await page.getByRole('button', { name: 'Stop' }).click();
  await waitForRunEnd(page);
  await expect(page.getByLabel('Memory')).toHaveText(/^Memory: \d+ tensors, [\d.]+ MB$/);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV log' }).click()]);
  const tensors = readFileSync(await csv.path(), 'utf8')
    .split('\n')
    .filter((l) => l.includes(',memory/tensors,'))
    .map((l) => Number(l.split(',')[5]));
  expect(tensors.length).toBeGreaterThanOrEqual(held + 5);
  // After the first step (optimiser slots are created then) nothing accumulates.
  expect(new Set(tensors.slice(1)).size).toBe(1);
});
