import { expect, test, type JSHandle, type Page } from '@playwright/test';
import { screenshot } from './helpers';

/** Drops the files of a DataTransfer built in the page (20 MB is too much to pass over from Node). */
async function dropTransfer(page: Page, transfer: JSHandle<DataTransfer>): Promise<void> {
  const zone = page.getByRole('region', { name: 'Dataset drop zone' });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

/** Every text the page's live regions show, in order: progress can come and go between two polls. */
async function recordLiveRegions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { liveTexts: string[] }).liveTexts = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[aria-live]')) {
        const text = el.textContent ?? '';
        if (text && !seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
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
  const live = await page.evaluate(() => (window as unknown as { liveTexts: string[] }).liveTexts);
  const megabytes = Math.round(bytes / 1e6);
  expect(live.some((t) => new RegExp(`^Reading big\\.conll: \\d+% \\(\\d+ MB of ${megabytes} MB\\)$`).test(t)), live.join(' | ')).toBe(true);
  expect(live).toContain('Read big.conll (1/1); preparing…');
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
