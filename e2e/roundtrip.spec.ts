import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTab, screenshot, tinyConll, trainTinyRun } from './helpers';

const ner = (...args: string[]) => execFileSync('node', ['bin/ner.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });

test('a checkpoint from the studio evaluates on the command line to the score the studio showed', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ner-roundtrip-'));
  const dev = tinyConll(8);
  writeFileSync(join(dir, 'dev.txt'), dev);
  const status = await trainTinyRun(page, { train: 24, dev, epochs: 2 });
  const shown = Number(/best dev F1 (\d\.\d{3})/.exec(status)![1]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download checkpoint' }).click()]);
  copyFileSync(await download.path(), join(dir, 'studio.zip'));
  const scores = JSON.parse(ner('evaluate', '--checkpoint', join(dir, 'studio.zip'), '--data', join(dir, 'dev.txt'), '--json'));
  expect(scores.f1.toFixed(3)).toBe(shown.toFixed(3));
  await screenshot(page, '21-studio-to-cli');
});

test('a checkpoint trained on the command line opens in the studio and tags sentences', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ner-roundtrip-'));
  writeFileSync(join(dir, 'train.txt'), tinyConll(24));
  writeFileSync(join(dir, 'dev.txt'), tinyConll(8));
  writeFileSync(join(dir, 'run.yaml'), ['model:', '  encoder: bilstm', '  crf: true', 'data:', '  train: train.txt', '  dev: dev.txt', 'training:', '  epochs: 2', '  batch_size: 8', ''].join('\n'));
  ner('train', '--config', join(dir, 'run.yaml'), '--out', join(dir, 'out'));
  const meta = JSON.parse(ner('evaluate', '--checkpoint', join(dir, 'out', 'checkpoint.zip'), '--data', join(dir, 'dev.txt'), '--json'));

  await page.goto('/');
  await page.getByLabel('Open model file').setInputFiles({ name: 'cli.zip', mimeType: 'application/zip', buffer: readFileSync(join(dir, 'out', 'checkpoint.zip')) });
  await openTab(page, 'Train');
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toHaveText(/^run-1: finished · epoch 2\/2 · step 6 /);
  await expect(page.getByText(/^Imported from cli\.zip/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^run-1 imported cli\.zip bilstm crf \+ CRF finished/ })).toBeVisible();
  // The studio shows the best dev F1 the command line recorded, which is what its checkpoint scores on dev.
  await expect(status).toContainText(`best dev F1 ${meta.f1.toFixed(3)}`);

  await openTab(page, 'Playground');
  await page.getByLabel('Try a sentence').fill('Anna Berg joined Acme Corp in Oslo .');
  await page.getByRole('button', { name: 'Tag' }).click();
  await expect(page.getByRole('region', { name: 'Predicted entities' }).locator('.tagged-sentence')).toBeVisible();

  await page.getByLabel('Open model file').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await expect(page.getByRole('alert').filter({ hasText: /^notes\.zip: not a zip file/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row')).toHaveCount(2);
  await screenshot(page, '22-cli-to-studio');
});
