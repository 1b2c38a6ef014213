import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { parseRunYaml } from '../src/core/config/yamlConfig';
import { parseMetricsCsv } from '../src/core/metrics/csv';
import { pythonPackageFiles } from '../src/cli/pythonPackage';
import { HAS_TORCH, PYTHON_SKIP_REASON, runPython, torchrun } from '../testing/python';
import { dropFiles, openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

/** Clicks "Download as PyTorch project" (on the Train tab, under the form) and returns the zip's entries. */
async function downloadProject(page: Page): Promise<{ name: string; entries: Record<string, Uint8Array> }> {
  await openTab(page, 'Train');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as PyTorch project' }).click()]);
  return { name: download.suggestedFilename(), entries: unzipSync(readFileSync(await download.path())) };
}

const trainLosses = (file: string) =>
  parseMetricsCsv(readFileSync(file, 'utf8'))
    .filter((r) => r.metric === 'train/loss')
    .map((r) => r.value);

test('the studio downloads its settings and dataset as a PyTorch project', async ({ page }) => {
  await page.goto('/');
  await openTab(page, 'Train');
  await expect(page.getByRole('button', { name: 'Download as PyTorch project' })).toBeDisabled();
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(24) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await setNumber(page, 'Epochs', 3);
  await setNumber(page, 'Batch size', 8);
  const { name, entries } = await downloadProject(page);
  expect(name).toBe('ner-bilstm-crf-pytorch.zip');
  const root = 'ner-bilstm-crf-pytorch/';
  const files = Object.keys(entries).filter((p) => !p.endsWith('/'));
  for (const part of ['run.yaml', 'README.md', 'data/prepared.json', 'data/train.safetensors', 'data/dev.safetensors', 'data/test.safetensors']) expect(files).toContain(root + part);
  // The Python package as the repository has it, byte for byte.
  for (const [path, bytes] of pythonPackageFiles()) expect(entries[root + path]).toEqual(bytes);
  const run = parseRunYaml(new TextDecoder().decode(entries[`${root}run.yaml`]), 'run.yaml');
  expect(run.config).toMatchObject({ epochs: 3, batchSize: 8, encoder: 'bilstm', loss: 'crf' });
  expect(run.data).toEqual({ train: 'train.txt', dev: 'dev.txt' });
  const meta = JSON.parse(new TextDecoder().decode(entries[`${root}data/prepared.json`]));
  expect(meta.splits.train.sentences).toBe(24);
  expect(meta.vocab.labels).toEqual(['O', 'B-LOC', 'B-ORG', 'B-PER', 'I-ORG', 'I-PER']);

  // A config the project cannot carry is refused with the key, and nothing downloads.
  await page.getByLabel('Loss', { exact: true }).selectOption('crf');
  await page.getByLabel('CRF', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Download as PyTorch project' }).click();
  await expect(page.getByRole('alert').filter({ hasText: "loss: 'crf' needs the CRF" })).toBeVisible();
  await screenshot(page, '30-pytorch-project');
});

test('a project from the studio trains on two CPU processes as on one, and its CSV and checkpoint come back', async ({ page }) => {
  test.skip(!HAS_TORCH, `PyTorch ${PYTHON_SKIP_REASON}`);
  test.setTimeout(600_000);
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(24) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await setNumber(page, 'Epochs', 2);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);

  const dir = mkdtempSync(join(tmpdir(), 'ner-torch-e2e-'));
  const { entries } = await downloadProject(page);
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  const project = join(dir, 'ner-bilstm-crf-pytorch');
  // The exported package itself, not the repository's: the project is self-contained.
  const env = { PYTHONPATH: project };
  const two = await torchrun(2, ['-m', 'ner_studio_torch.train', '.', '--out', 'two'], { cwd: project, env });
  expect(two.status, two.stderr).toBe(0);
  const one = await runPython(['-m', 'ner_studio_torch.train', '.', '--out', 'one'], { cwd: project, env });
  expect(one.status, one.stderr).toBe(0);
  const [a, b] = [trainLosses(join(project, 'one', 'metrics.csv')), trainLosses(join(project, 'two', 'metrics.csv'))];
  expect(b).toHaveLength(6); // 24 sentences in batches of 8, 2 epochs
  b.forEach((loss, i) => expect(Math.abs(loss - a[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(a[i]))));

  // The imports sit in the runs sidebar; the curves and the table on the Compare tab.
  const runs = page.getByRole('table', { name: 'Runs' });
  await page.getByLabel('Import CSV log…').setInputFiles({ name: 'metrics.csv', mimeType: 'text/csv', buffer: readFileSync(join(project, 'two', 'metrics.csv')) });
  await expect(runs.getByRole('row', { name: /^run-2 metrics\.csv: two – finished \d\.\d{3}/ })).toBeVisible();
  await expect(page.getByText(/^Imported from metrics\.csv \(run two\): its curves only/)).toBeVisible();
  await openTab(page, 'Compare');
  await page.getByRole('checkbox', { name: 'Compare run-1' }).check();
  await page.getByRole('checkbox', { name: 'Compare run-2' }).check();
  const chart = page.getByRole('img', { name: 'Run comparison chart' });
  await expect(chart).toHaveAttribute('data-points', '6');
  await expect(chart.locator('.chart-line')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Run comparison' }).getByRole('row', { name: /^run-2 from a CSV log: config not recorded/ })).toBeVisible();

  await page.getByLabel('Open model file').setInputFiles({ name: 'checkpoint.zip', mimeType: 'application/zip', buffer: readFileSync(join(project, 'two', 'checkpoint.zip')) });
  await expect(runs.getByRole('row', { name: /^run-3 imported checkpoint\.zip bilstm crf \+ CRF finished/ })).toBeVisible();
  await openTab(page, 'Train');
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText(/best dev F1 \d\.\d{3}/);
  await openTab(page, 'Playground');
  await page.getByLabel('Try a sentence').fill('Anna Berg joined Acme Corp in Oslo .');
  await page.getByRole('button', { name: 'Tag' }).click();
  await expect(page.getByRole('region', { name: 'Predicted entities' }).locator('.tagged-sentence')).toBeVisible();

  await page.getByLabel('Import CSV log…').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('just some notes\n') });
  await expect(page.getByRole('alert').filter({ hasText: /^notes\.csv: metrics CSV has no "run" column/ })).toBeVisible();
  await expect(runs.getByRole('row')).toHaveCount(4);
  await screenshot(page, '31-pytorch-runs-back');
});
