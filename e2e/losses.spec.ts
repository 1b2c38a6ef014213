import { expect, test } from '@playwright/test';
import { chartPoints, dropFiles, openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

/** Every encoder with every loss trains a few steps in the browser's training worker. */
const ENCODERS = ['bilstm', 'transformer'] as const;
const LOSSES = ['crf', 'cross_entropy', 'label_smoothing', 'embedding_label_smoothing', 'focal', 'dice', 'boundary', 'contrastive', 'compound'] as const;

test('each encoder with each loss trains a few steps in the worker', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await setNumber(page, 'Max steps', 2);
  let run = 0;
  for (const encoder of ENCODERS) {
    for (const loss of LOSSES) {
      await page.getByLabel('Encoder', { exact: true }).selectOption(encoder);
      await page.getByLabel('Loss', { exact: true }).selectOption(loss);
      if (loss === 'compound') await page.getByLabel('Loss parameters').fill('terms:\n  - type: crf\n  - type: dice\n    weight: 0.5');
      await page.getByRole('button', { name: 'Train' }).click();
      run++;
      const status = await waitForRunEnd(page);
      expect(status, `${encoder} + ${loss}`).toMatch(new RegExp(`^run-${run}: finished · epoch 1/1 · step 2 `));
      expect(await chartPoints(page, 'Training loss chart')).toBe(2);
    }
  }
  // Multi-task needs the POS and chunk columns CoNLL-2003 has: token POS chunk tag.
  const columns = (text: string) => text.replace(/^(\S+) (\S+)$/gm, (_, w: string, t: string) => (w === '-DOCSTART-' ? `${w} -X- -X- O` : `${w} ${/^[A-Z]/.test(w) ? 'NNP' : 'VBD'} ${t === 'O' ? 'O' : 'I-NP'} ${t}`));
  await dropFiles(page, [{ name: 'train.txt', text: columns(tinyConll(16)) }, { name: 'dev.txt', text: columns(tinyConll(4)) }]);
  // Train waits while files are read; the Loss problems below need the new files' columns, so wait for them too.
  await expect(page.getByRole('progressbar', { name: 'Reading files' })).toHaveCount(0);
  await page.getByLabel('Loss', { exact: true }).selectOption('multitask');
  await expect(page.getByRole('list', { name: 'Loss problems' })).toHaveCount(0);
  for (const encoder of ENCODERS) {
    await page.getByLabel('Encoder', { exact: true }).selectOption(encoder);
    await page.getByRole('button', { name: 'Train' }).click();
    run++;
    expect(await waitForRunEnd(page), `${encoder} + multitask`).toMatch(new RegExp(`^run-${run}: finished · epoch 1/1 · step 2 `));
  }
  const rows = page.getByRole('table', { name: 'Runs' }).getByRole('row');
  await expect(rows).toHaveCount(1 + ENCODERS.length * (LOSSES.length + 1));
  await screenshot(page, '16-all-losses');
});

test('loss parameters are checked by key before training, and a bad loss choice is refused', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await openTab(page, 'Train');
  await page.getByLabel('Loss', { exact: true }).selectOption('focal');
  await page.getByLabel('Loss parameters').fill('gamma: -1');
  const problems = page.getByRole('list', { name: 'Loss problems' });
  await expect(problems).toContainText(/lossParams\.gamma: must be ≥ 0/);
  await page.getByLabel('Loss parameters').fill('gama: 2');
  await expect(problems).toContainText(/lossParams\.gama/);
  await page.getByLabel('Loss parameters').fill('gamma: 2');
  await expect(problems).toHaveCount(0);

  await page.getByLabel('Loss', { exact: true }).selectOption('multitask');
  // The tiny file has no POS or chunk columns.
  await expect(problems).toContainText(/multitask/);
  await page.getByLabel('Loss', { exact: true }).selectOption('crf');
  await page.getByLabel('CRF', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /needs the CRF/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText('No runs yet.');
  await screenshot(page, '17-loss-problems');
});

test('embedding label smoothing shows the learned label similarity as it changes', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await openTab(page, 'Train');
  await page.getByLabel('Loss', { exact: true }).selectOption('embedding_label_smoothing');
  await setNumber(page, 'Epochs', 3);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);
  await openTab(page, 'Analyze');
  const model = page.getByRole('region', { name: 'Model view' });
  const heatmap = model.getByRole('img', { name: 'Label similarity heatmap' });
  await expect(heatmap).toBeVisible();
  await expect(heatmap).toHaveAttribute('data-rows', '6');
  const slider = model.getByLabel('Similarity at step');
  // One saved state per epoch.
  await expect(slider).toHaveAttribute('max', '2');
  await expect(model.getByText(/at step 6;/)).toBeVisible();
  await slider.fill('0');
  await expect(model.getByText(/at step 2;/)).toBeVisible();
  await screenshot(page, '18-label-similarity');
});

test('word vectors dropped in start the embeddings, with a count of words found', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 16 / })).toBeVisible();
  await openTab(page, 'Train');
  // 8-dimensional GloVe-style text; 'Oslo' and 'Kyoto' are in the vocabulary (lower-cased), 'zebra' is not.
  const glove = ['Oslo 1 0 0 0 0 0 0 0', 'kyoto 0 1 0 0 0 0 0 0', 'joined 0 0 1 0 0 0 0 0', 'zebra 0 0 0 1 0 0 0 0', ''].join('\n');
  await page.getByLabel('Add word vectors').setInputFiles({ name: 'tiny.glove.txt', mimeType: 'text/plain', buffer: Buffer.from(glove) });
  await expect(page.getByText(/^tiny\.glove\.txt: 8-dimensional; 3 of \d+ vocabulary words found\.$/)).toBeVisible();
  await expect(page.getByLabel('Word dim', { exact: true })).toHaveValue('8');
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  expect(await waitForRunEnd(page)).toMatch(/^run-1: finished/);

  const bad = 'Oslo 1 2 3\nKyoto 1 2\n';
  await page.getByLabel('Add word vectors').setInputFiles({ name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from(bad) });
  await expect(page.getByRole('alert').filter({ hasText: /bad\.txt:2/ })).toBeVisible();
  // The vectors loaded before stay.
  await expect(page.getByText(/^tiny\.glove\.txt: 8-dimensional/)).toBeVisible();
  await screenshot(page, '20-word-vectors');
});
