/**
 * A finished run's test score: with a test split loaded, the studio scores the best checkpoint on it (in the prediction
 * worker, as `ner train` does) and shows it in the run status, the runs sidebar and the CSV log. The run also sets the
 * from-scratch recipe's options under Advanced settings, which reach its config.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropFiles, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync(await file.path(), 'utf8');
}

test('a finished run reports test precision, recall and F1 for its best checkpoint', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await dropFiles(page, [
    { name: 'train.txt', text: tinyConll(24) },
    { name: 'dev.txt', text: tinyConll(8) },
    { name: 'test.txt', text: tinyConll(12) },
  ]);
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^test 12 / })).toBeVisible();
  await setNumber(page, 'Epochs', 2);
  await setNumber(page, 'Batch size', 8);
  await page.getByText('Advanced settings').click();
  await page.getByLabel('Char encoder', { exact: true }).selectOption('lstm');
  await setNumber(page, 'Char LSTM units', 4);
  await setNumber(page, 'Casing dim', 2);
  await setNumber(page, 'Singletons to UNK', 0.5);
  await page.getByLabel('Schedule', { exact: true }).selectOption('inverse_time');
  await setNumber(page, 'Average checkpoints', 2);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);

  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toHaveText(/run-1: finished · .* · test F1 \d\.\d{3} \(P \d\.\d{3}, R \d\.\d{3}\)/, { timeout: 60_000 });
  const shown = /test F1 (\d\.\d{3})/.exec((await status.textContent()) ?? '')![1];
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('columnheader', { name: 'Test F1' })).toBeVisible();
  await expect(runs.getByRole('row', { name: /^run-1 / }).getByRole('cell').nth(3)).toHaveText(shown); // cells after the row header: data and model, status, best dev F1, test F1
  await screenshot(page, '20-test-score');

  const csv = (await download(page, 'Download CSV log')).trim().split('\n');
  const test1 = csv.filter((l) => l.split(',')[4] === 'test/f1');
  expect(test1).toHaveLength(1);
  expect(Number(test1[0].split(',')[5]).toFixed(3)).toBe(shown);
  for (const metric of ['test/precision', 'test/recall', 'test/f1/PER', 'test/f1/LOC', 'test/f1/ORG']) expect(csv.some((l) => l.split(',')[4] === metric), metric).toBe(true);

  const yaml = await download(page, 'Download config YAML');
  for (const line of ['char_encoder: lstm', 'char_hidden: 4', 'casing_dim: 2', 'singleton_unk: 0.5', 'schedule: inverse_time', 'average_checkpoints: 2']) expect(yaml).toContain(line);
});
