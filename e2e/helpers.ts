/** @file Shared steps for the end-to-end tests: a tiny CoNLL file, dropping files, screenshots, waiting on runs. */
import { expect, type Page } from '@playwright/test';
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

/** Drops files on the drop zone the way a browser does: a DataTransfer on a drop event. */
export async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  const zone = page.getByRole('region', { name: 'Dataset drop zone' });
  const transfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

export async function chartPoints(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('img', { name }).getAttribute('data-points'));
}

/** Waits until the run status says the run ended, and returns the status text. */
export async function waitForRunEnd(page: Page, timeout = 180_000): Promise<string> {
  const status = page.getByRole('status', { name: 'Run status' });
  await expect(status).toHaveText(/: (finished|stopped|failed) ·/, { timeout });
  return (await status.textContent()) ?? '';
}

export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(String(value));
}
