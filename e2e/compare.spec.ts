import { expect, test } from '@playwright/test';
import { dropFiles, openTab, screenshot, setNumber, tinyConll, trainTinyRun } from './helpers';

test('two runs overlay on shared axes and compare against a baseline', async ({ page }) => {
  await trainTinyRun(page, { train: 24, epochs: 2 });
  await page.getByLabel('Loss', { exact: true }).selectOption('cross_entropy');
  await page.getByLabel('CRF', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/run-2: finished/, { timeout: 120_000 });

  await openTab(page, 'Compare');
  await expect(page.getByText('Tick “Compare” on runs')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Compare run-1' }).check();
  await page.getByRole('checkbox', { name: 'Compare run-2' }).check();
  const chart = page.getByRole('img', { name: 'Run comparison chart' });
  // 3 steps an epoch, 2 epochs: both runs share the 6 step positions.
  await expect(chart).toHaveAttribute('data-points', '6');
  await expect(chart.locator('.chart-line')).toHaveCount(2);

  await page.getByLabel('X axis').selectOption('epoch');
  await page.getByRole('combobox', { name: 'Metric' }).selectOption('dev F1');
  await expect(chart).toHaveAttribute('data-points', '2');
  await page.getByRole('slider', { name: 'Smoothing' }).fill('0.6');
  await expect(page.getByText(/^dev F1 against epoch\. run-1: 2 points, last \d\.\d{4}; run-2: 2 points/)).toBeVisible();

  const table = page.getByRole('table', { name: 'Run comparison' });
  await expect(table.getByRole('row', { name: /^run-1 bilstm, crf \+ CRF, lr 0\.01, batch 8, 2 epochs, seed 42 / })).toBeVisible();
  const second = table.getByRole('row', { name: /^run-2 bilstm, cross_entropy, lr/ });
  await expect(second).toContainText(/\([+-±]\d\.\d{3}\)/);
  await page.getByLabel('Baseline run').selectOption({ label: 'run-2' });
  await expect(table.getByRole('row', { name: /^run-1 / })).toContainText(/\([+-±]\d\.\d{3}\)/);
  await expect(second).not.toContainText('(');
  await screenshot(page, '08-compare');
});

test('the loss lab queues one run per loss and seed and shows mean and spread of F1', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await openTab(page, 'Compare');
  const lab = page.getByRole('region', { name: 'Loss lab' });
  await lab.getByRole('listbox', { name: 'Losses to compare' }).selectOption(['crf', 'cross_entropy', 'focal']);
  await lab.getByLabel('Seeds').fill('1, 2');
  await lab.getByRole('button', { name: 'Run loss lab' }).click();
  const results = lab.getByRole('table', { name: 'Loss lab results' });
  for (const loss of ['crf', 'cross_entropy', 'focal']) {
    await expect(results.getByRole('row', { name: new RegExp(`^${loss} 2/2 \\d\\.\\d{3} ± \\d\\.\\d{3} \\d\\.\\d{3}–\\d\\.\\d{3}$`) })).toBeVisible({ timeout: 120_000 });
  }
  // Six runs, identical but for loss and seed.
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('row')).toHaveCount(7);
  await expect(runs.getByRole('row', { name: /focal/ })).toHaveCount(2);
  await screenshot(page, '19-loss-lab');
});
