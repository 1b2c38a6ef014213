import { expect, test, type JSHandle, type Page } from '@playwright/test';
import { openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

/** Drops the files of a DataTransfer built in the page (20 MB is too much to pass over from Node). */
async function dropTransfer(page: Page, transfer: JSHandle<DataTransfer>): Promise<void> {
  const zone = page.getByRole('region', { name: 'Dataset drop zone' });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

/**
 * Every text the page's live regions show, and every share the "Reading files" progress bar shows, in order:
 * progress can come and go between two polls. Also whether Train was ever disabled while files were read.
 */
async function recordLiveRegions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { liveTexts: string[]; readingShares: number[]; trainWaited: boolean };
    w.liveTexts = [];
    w.readingShares = [];
    w.trainWaited = false;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[aria-live]')) {
        const text = el.textContent ?? '';
        if (text && !w.liveTexts.includes(text)) w.liveTexts.push(text);
      }
      const bar = document.querySelector('[role="progressbar"][aria-label="Reading files"]');
      const share = bar?.getAttribute('aria-valuenow');
      if (share && !w.readingShares.includes(Number(share))) w.readingShares.push(Number(share));
      const train = [...document.querySelectorAll<HTMLButtonElement>('button[type="submit"]')].find((b) => b.textContent === 'Train');
      if (bar && train?.disabled) w.trainWaited = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { liveTexts: string[]; readingShares: number[]; trainWaited: boolean };
    return { live: w.liveTexts, shares: w.readingShares, trainWaited: w.trainWaited };
  });

/** About `megabytes` MB of IOB2 sentences with PER and LOC, written in Node. */
function bigConll(megabytes: number): { text: string; sentences: number } {
  const names = ['Anna', 'Tom', 'Mia', 'Lars', 'Oslo', 'Lima', 'Kyoto'];
  const parts: string[] = [];
  let size = 0;
  let sentences = 0;
  while (size < megabytes * 1e6) {
    const i = sentences++;
    const s = `${names[i % 4]} B-PER\nvisited O\n${names[4 + (i % 3)]} B-LOC\non O\nday O\n${i % 10} O\n. O\n\n`;
    parts.push(s);
    size += s.length;
  }
  return { text: parts.join(''), sentences };
}

test('a 20 MB CoNLL file is read as a stream with progress; a binary file dropped next leaves it loaded', async ({ page }) => {
  await page.goto('/');
  await recordLiveRegions(page);

  // About 20 MB of IOB2 sentences, written in the page.
  const big = await page.evaluateHandle(() => {
    const names = ['Anna', 'Tom', 'Mia', 'Lars', 'Oslo', 'Lima', 'Kyoto'];
    const parts: string[] = ['-DOCSTART- -X- -X- O\n\n'];
    let size = 0;
    let sentences = 0;
    while (size < 20e6) {
      const i = sentences++;
      const s = `${names[i % 4]} NNP B-NP B-PER\nvisited VBD B-VP O\n${names[4 + (i % 3)]} NNP B-NP B-LOC\non IN B-PP O\nday NN B-NP O\n${i} CD I-NP O\n. . O O\n\n`;
      parts.push(s);
      size += s.length;
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File(parts, 'big.conll', { type: 'text/plain' }));
    return { transfer, sentences, bytes: transfer.files[0].size };
  });
  const { sentences, bytes } = await big.evaluate(({ sentences, bytes }) => ({ sentences, bytes }));
  expect(bytes).toBeGreaterThan(20e6);
  await dropTransfer(page, (await big.getProperty('transfer')) as JSHandle<DataTransfer>);

  const summary = page.getByRole('table', { name: 'Dataset summary' });
  const train = Math.round(0.8 * sentences); // one file: split 80/20
  await expect(summary.getByRole('row', { name: new RegExp(`^train ${train} ${train * 7} `) })).toBeVisible({ timeout: 120_000 });
  await expect(summary.getByRole('row', { name: new RegExp(`^dev ${sentences - train} `) })).toBeVisible();
  const { live, shares } = await recorded(page);
  const megabytes = Math.round(bytes / 1e6);
  expect(live.some((t) => new RegExp(`^Reading big\\.conll… \\d+% \\(\\d+ MB of ${megabytes} MB\\)$`).test(t)), live.join(' | ')).toBe(true);
  expect(live).toContain('Read big.conll (1/1); preparing…');
  // The header's progress bar showed the share read as it went.
  expect(shares.some((p) => p > 0 && p < 100), `shares seen: ${shares.join(', ')}`).toBe(true);
  await screenshot(page, 'bigfile-01-loaded');

  // A binary file: the error names it, and the dataset loaded before stays.
  const binary = await page.evaluateHandle(() => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    bytes.set([0x50, 0x4b, 0x03, 0x04], 0);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'weights.bin'));
    return transfer;
  });
  await dropTransfer(page, binary);
  await expect(page.getByRole('alert').filter({ hasText: 'weights.bin' })).toContainText('weights.bin looks like a binary file');
  await expect(page.getByText('Loaded big.conll')).toBeVisible();
  await expect(summary.getByRole('row', { name: new RegExp(`^train ${train} `) })).toBeVisible();
  await screenshot(page, 'bigfile-02-binary-rejected');
});

test('Train waits while chosen files are read, and the run trains them, not the dataset loaded before', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load demo dataset' }).click();
  await expect(page.getByRole('banner')).toContainText('Dataset demo');
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Max steps', 1);
  await recordLiveRegions(page);

  // Big enough to take a moment to read; the person presses Train straight after choosing the files.
  const big = bigConll(4);
  await openTab(page, 'Data');
  await page.getByLabel('Add dataset files').setInputFiles([
    { name: 'train.conll', mimeType: 'text/plain', buffer: Buffer.from(big.text) },
    { name: 'dev.conll', mimeType: 'text/plain', buffer: Buffer.from(tinyConll(4)) },
  ]);
  await openTab(page, 'Train');
  await page.getByRole('button', { name: 'Train' }).click(); // waits, as a person would, for the button to come back
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^run-1: finished · epoch 1\/1 · step 1 /);

  const { live, trainWaited } = await recorded(page);
  expect(live.some((t) => /^Reading train\.conll… \d+% \(\d+ MB of 4 MB\)$/.test(t)), live.join(' | ')).toBe(true);
  expect(trainWaited, 'Train was disabled while the files were read').toBe(true);
  // The run records the dataset it trained: the chosen files, all of train.conll's sentences.
  const row = page.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^run-1 / });
  await expect(row).toContainText('train.conll, dev.conll');
  await expect(row).not.toContainText('demo');
  await expect(row.locator('.run-dataset')).toHaveAttribute('title', `train.conll, dev.conll, ${big.sentences} training sentences`);
  await screenshot(page, 'bigfile-03-train-waited');
});
