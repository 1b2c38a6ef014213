/**
 * Issue 15 in the studio: files in other encodings, a binary file, a file of bad tags and a file with one very long
 * sentence each get their message; a file that cannot load leaves the dataset already loaded in place, and the
 * finished run's downloads keep working throughout. Files are found and fed by accessible name only.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

/** Adds files through the drop zone's file input (on the Data tab), as bytes (so encodings reach the page unchanged). */
async function addFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  await openTab(page, 'Data');
  const input = page.getByRole('region', { name: 'Dataset drop zone' }).getByLabel('Add dataset files');
  await input.setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.bytes) })));
}

const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const utf16le = (text: string) => {
  const out = Buffer.alloc(2 + 2 * text.length);
  out.writeUInt16LE(0xfeff, 0);
  for (let i = 0; i < text.length; i++) out.writeUInt16LE(text.charCodeAt(i), 2 + 2 * i);
  return out;
};

/** 30 German sentences; every person and place has an accent, so wrong decoding would show in every entity. */
function german(): string {
  const people = ['J\u00FCrgen M\u00FCller', 'Bj\u00F6rn S\u00E6ther', 'Ren\u00E9e Fran\u00E7ois'];
  const places = ['K\u00F6ln', 'M\u00FCnchen', 'Z\u00FCrich'];
  const sentences = Array.from({ length: 30 }, (_, i) => {
    const [first, last] = people[i % 3].split(' ');
    return `${first} B-PER\n${last} I-PER\nf\u00E4hrt O\nnach O\n${places[i % 3]} B-LOC\n`;
  });
  return sentences.join('\n');
}

/** The dataset summary's train row when it shows `sentences` (and `tokens`), by its accessible name "train 16 133 …". */
const trainRow = (page: Page, sentences: number, tokens?: number) =>
  page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: new RegExp(`^train ${sentences} ${tokens ?? '\\d+'} `) });

/** The checkpoint and CSV downloads of the selected finished run (in the runs sidebar, beside any tab) still work. */
async function downloadsWork(page: Page): Promise<void> {
  const [checkpoint] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download checkpoint' }).click()]);
  const zip = unzipSync(new Uint8Array(readFileSync(await checkpoint.path())));
  expect(JSON.parse(strFromU8(zip['config.json'])).labels).toEqual(['O', 'B-LOC', 'B-ORG', 'B-PER', 'I-ORG', 'I-PER']);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV log' }).click()]);
  expect(readFileSync(await csv.path(), 'utf8')).toMatch(/^run,wall_time,step,epoch,metric,value\nrun-1,/);
}

test('bad and unusual files each get their message; the loaded dataset and the finished run survive them', async ({ page }) => {
  await page.goto('/');
  await addFiles(page, [
    { name: 'train.txt', bytes: Buffer.from(tinyConll(16)) },
    { name: 'dev.txt', bytes: Buffer.from(tinyConll(8)) },
  ]);
  await expect(trainRow(page, 16)).toBeVisible();
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  expect(await waitForRunEnd(page)).toMatch(/run-1: finished/);
  const problems = page.getByRole('list', { name: 'Dataset problems' });

  // A binary file: an error naming it and the line of its first NUL byte; the dataset stays.
  await addFiles(page, [{ name: 'weights.bin', bytes: Uint8Array.from([0x61, 0x20, 0x4f, 0x0a, 0x50, 0x4b, 3, 4, 0, 0, 8, 0]) }]);
  await expect(page.getByRole('alert').filter({ hasText: 'weights.bin' })).toContainText('weights.bin:2: weights.bin looks like a binary file (line 2 has a NUL byte)');
  await expect(trainRow(page, 16)).toBeVisible();
  await screenshot(page, 'hardening-01-binary');
  await downloadsWork(page);

  // A file whose every sentence has a tag of no scheme: one error per line, nothing loads, the dataset stays.
  await addFiles(page, [{ name: 'bad.txt', bytes: Buffer.from('Anna b-per\nsaw O\n\nOslo X-LOC\n\nRome B-\n') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'bad.txt:1' })).toContainText('has the tag "b-per", a prefix in lower case');
  await expect(page.getByRole('alert').filter({ hasText: 'bad.txt:4' })).toContainText('has the tag "X-LOC", an unknown prefix');
  await expect(page.getByRole('alert').filter({ hasText: 'bad.txt:6' })).toContainText('has the tag "B-", a prefix with no type');
  await expect(trainRow(page, 16)).toBeVisible();
  await screenshot(page, 'hardening-02-bad-tags');
  await downloadsWork(page);

  // Latin-1 (Windows-1252): read as such, with a notice; the accents come through in the sentences.
  await addFiles(page, [{ name: 'de.txt', bytes: cp1252(german()) }]);
  await expect(problems).toContainText('de.txt is not UTF-8; read it as Windows-1252 (Latin-1)');
  await expect(trainRow(page, 24, 120)).toBeVisible();
  await page.getByLabel('Search sentences').fill('K\u00F6ln');
  await expect(page.getByRole('list', { name: 'Matching sentences' }).getByRole('listitem').first()).toContainText('K\u00F6ln');
  await screenshot(page, 'hardening-03-latin1');

  // UTF-16 with its byte-order mark: the same sentences, with its own notice.
  await addFiles(page, [{ name: 'de16.txt', bytes: utf16le(german()) }]);
  await expect(problems).toContainText('de16.txt is UTF-16 LE (it starts with a byte-order mark); read it as such');
  await expect(trainRow(page, 24, 120)).toBeVisible();
  await page.getByLabel('Search sentences').fill('Z\u00FCrich');
  await expect(page.getByRole('list', { name: 'Matching sentences' }).getByRole('listitem').first()).toContainText('Z\u00FCrich');

  // A training file with one sentence of 5,000 tokens after 20 ordinary ones (lines 1-79): it loads, the long
  // sentence split for training between entities, and the notice names its line.
  const long = Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? 'Oslo B-LOC' : 'word O')).join('\n');
  const ordinary = Array.from({ length: 20 }, () => 'Anna B-PER\nsaw O\nRome B-LOC').join('\n\n');
  await addFiles(page, [
    { name: 'train.txt', bytes: Buffer.from(`${ordinary}\n\n${long}\n`) },
    { name: 'dev.txt', bytes: Buffer.from(`${ordinary}\n`) },
  ]);
  await expect(problems).toContainText(/train\.txt: 1 sentence is longer than 256 tokens and was split between entities for training \(line 81: 5000 tokens in 20 parts\)/);
  await expect(trainRow(page, 40, 5060)).toBeVisible();
  await screenshot(page, 'hardening-04-long-sentence');

  // After all of it, the finished run's downloads still work.
  await page.getByRole('button', { name: 'run-1', exact: true }).click();
  await downloadsWork(page);
});
