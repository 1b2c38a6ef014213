import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropFiles, openTab, screenshot, setNumber, tinyConll, trainTinyRun, waitForRunEnd } from './helpers';

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

/** A metrics CSV (run,wall_time,step,epoch,metric,value) as step:metric -> value, for the metrics both sides log. */
function metricValues(csv: string, metrics: RegExp): Map<string, number> {
  const rows = csv.trim().split('\n').slice(1).map((l) => l.split(','));
  return new Map(rows.filter((r) => metrics.test(r[4])).map((r) => [`${r[2]}:${r[4]}`, Number(r[5])]));
}

test('the studio and ner train give the same model for the same seed: bilstm-scratch on wasm, step for step', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ner-same-seed-'));
  const files = { 'train.txt': tinyConll(24), 'dev.txt': tinyConll(8), 'test.txt': tinyConll(12) };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  await page.goto('/');
  await dropFiles(page, Object.entries(files).map(([name, text]) => ({ name, text })));
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^test 12 / })).toBeVisible();
  await openTab(page, 'Train');
  await page.getByLabel('Preset', { exact: true }).selectOption('bilstm-scratch');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await setNumber(page, 'Epochs', 4);
  await setNumber(page, 'Batch size', 8);
  await setNumber(page, 'Learning rate', 0.03); // so that dev F1 moves off 0 within a few steps
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/run-1: finished · .* · test F1 /, { timeout: 60_000 });
  await screenshot(page, '23-same-seed-studio');

  const download = async (button: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    return readFileSync(await file.path(), 'utf8');
  };
  const yaml = await download('Download config YAML');
  for (const line of ['singleton_unk: 0.5', 'casing_dim: 8', 'average_checkpoints: 3', 'schedule: inverse_time', 'backend: wasm', 'seed: 42']) expect(yaml).toContain(line);
  writeFileSync(join(dir, 'run.yaml'), yaml);
  ner('train', '--config', join(dir, 'run.yaml'), '--set', 'data.train=train.txt', '--set', 'data.dev=dev.txt', '--set', 'data.test=test.txt', '--out', join(dir, 'out'));

  // Every step's training loss, every evaluation and the test score: the same numbers from both.
  const logged = /^(train\/loss|dev\/f1|dev\/precision|dev\/recall|test\/f1|test\/precision|test\/recall)$/;
  const studio = metricValues(await download('Download CSV log'), logged);
  const cli = metricValues(readFileSync(join(dir, 'out', 'metrics.csv'), 'utf8'), logged);
  expect([...studio.keys()].filter((k) => k.endsWith(':train/loss'))).toHaveLength(12); // 3 steps an epoch, 4 epochs
  expect([...studio.keys()].sort()).toEqual([...cli.keys()].sort());
  expect(studio.get('12:dev/f1')).toBeGreaterThan(0);
  // Measured here: equal bit for bit. Losses may differ in their last float32 bit and no more; scores not at all.
  for (const [key, value] of studio) {
    if (key.endsWith(':train/loss')) expect(Math.abs(cli.get(key)! - value), key).toBeLessThanOrEqual(1e-6 * Math.abs(value));
    else expect(cli.get(key), key).toBe(value);
  }
});
