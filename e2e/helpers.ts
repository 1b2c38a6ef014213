/** @file Shared steps for the end-to-end tests: a tiny CoNLL file, tabs, dropping files, screenshots, waiting on runs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const PEOPLE = [['Anna', 'Berg'], ['Tom', 'Reyes'], ['Mia', 'Okafor'], ['Lars', 'Holm']];
const PLACES = ['Oslo', 'Lima', 'Kyoto', 'Dakar'];
const ORGS = [['Acme', 'Corp'], ['Blue', 'Lake', 'Bank'], ['Nordic', 'Rail']];

/** A small IOB2 file, deterministic, with PER, LOC and ORG entities. */
export function tinyConll(sentences = 40): string {
  const lines: string[] = ['-DOCSTART- -X- O', ''];
  for (let i = 0; i < sentences; i++) {
    const [first, last] = PEOPLE[i % PEOPLE.length];
    const place = PLACES[(i * 3) % PLACES.length];
    const org = ORGS[i % ORGS.length];
    const rows: [string, string][] = [
      [first, 'B-PER'],
      [last, 'I-PER'],
      ['joined', 'O'],
      ...org.map((w, k): [string, string] => [w, k === 0 ? 'B-ORG' : 'I-ORG']),
      ['in', 'O'],
      [place, 'B-LOC'],
      ['.', 'O'],
    ];
    lines.push(...rows.map(([w, t]) => `${w} ${t}`), '');
  }
  return lines.join('\n');
}

export type TabName = 'Data' | 'Train' | 'Compare' | 'Analyze' | 'Playground';

/** Opens one of the studio's tabs, as a click on it would. */
export async function openTab(page: Page, name: TabName): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/**
 * Drops files the way a browser does: a DataTransfer on dragover and drop events. By default on the page's body,
 * which is any tab (the whole window takes drops); pass the drop zone to drop there.
 */
export async function dropFiles(page: Page, files: { name: string; text: string }[], target: Locator = page.locator('body')): Promise<void> {
  const transfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

export async function chartPoints(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('img', { name }).getAttribute('data-points'));
}

/** Opens the Train tab (where the run status is), waits until the status says the run ended, and returns its text. */
export async function waitForRunEnd(page: Page, timeout = 180_000): Promise<string> {
  await openTab(page, 'Train');
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toHaveText(/: (finished|stopped|failed) ·/, { timeout });
  return (await status.textContent()) ?? '';
}

/** Fills a number of the run form, on the Train tab (opened first). */
export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  await openTab(page, 'Train');
  await page.getByLabel(label, { exact: true }).fill(String(value));
}

export interface TinyRun {
  /** Sentences of tinyConll in train.txt. */
  train?: number;
  /** dev.txt's text. */
  dev?: string;
  epochs?: number;
}

/**
 * Opens the studio, drops a tiny train.txt and dev.txt, and trains one run (batch size 8) to its end; returns the
 * run status's text. The start most tests share.
 */
export async function trainTinyRun(page: Page, { train = 16, dev = tinyConll(8), epochs = 1 }: TinyRun = {}): Promise<string> {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(train) }, { name: 'dev.txt', text: dev }]);
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: new RegExp(`^train ${train} `) })).toBeVisible();
  await setNumber(page, 'Epochs', epochs);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  return waitForRunEnd(page);
}
