import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chartPoints, dropFiles, openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

const MARKUP = '<img src=x onerror=alert(1)>';

/** A tab-separated CoNLL file, so a token may hold spaces; lines are [token, tag]. */
function tabbedConll(sentences: [string, string][][]): string {
  return sentences.map((rows) => rows.map(([w, t]) => `${w}\t${t}`).join('\n')).join('\n\n') + '\n';
}

/** Sum of a numeric data attribute over every element the locator matches. */
async function sumOf(locator: Locator, attribute: string): Promise<number> {
  const values = await locator.evaluateAll((els, a) => els.map((e) => Number(e.getAttribute(a))), attribute);
  return values.reduce((n, v) => n + v, 0);
}

/** The sentence as shown, without the entity labels woven into it. */
const sentenceText = (item: Locator) =>
  item.locator('.entity-sentence').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.entity-label').forEach((l) => l.remove());
    return copy.textContent;
  });

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo dataset' }).click();
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 1500 / })).toBeVisible();
}

test('the dataset view charts the demo data and finds sentences, entities highlighted', async ({ page }) => {
  await page.goto('/');
  const view = page.getByRole('region', { name: 'Dataset view' });
  await expect(view).toContainText('Load a dataset');
  await loadDemo(page);

  for (const name of ['Entities per type chart', 'Sentence length chart', 'Entity length chart']) {
    await expect(view.getByRole('img', { name })).toBeVisible();
  }
  // The demo tags PER, ORG, LOC and MISC.
  expect(await chartPoints(page, 'Entities per type chart')).toBe(4);
  expect(await chartPoints(page, 'Sentence length chart')).toBeGreaterThan(3);
  await expect(view.getByRole('table', { name: 'Dataset statistics' }).getByRole('row', { name: /^train 1500 / })).toBeVisible();
  await expect(view).toContainText('All tags follow IOB2');
  await screenshot(page, 'lab-01-dataset-view');
  await view.getByRole('img', { name: 'Entities per type chart' }).screenshot({ path: 'e2e/screenshots/lab-01-entities-chart.png' });

  await view.getByLabel('Search sentences').fill('Berlin');
  const results = view.getByRole('list', { name: 'Matching sentences' });
  await expect(results.getByRole('listitem').first()).toBeVisible();
  const items = await results.getByRole('listitem').allTextContents();
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(item).toContain('Berlin');
  // Berlin is a place in some sentences and part of an organisation's name in others.
  await expect(results.locator('mark.entity', { hasText: 'Berlin' }).first()).toHaveClass(/entity-(loc|org)/);
  await expect(results.locator('mark.entity-loc', { hasText: /^Berlin/ }).first()).toContainText('LOC');
  await screenshot(page, 'lab-02-search-berlin');

  // More matches than one page: the pager works from the keyboard.
  await view.getByLabel('Search sentences').fill('the');
  const pages = view.getByRole('navigation', { name: 'Sentence pages' });
  await expect(pages).toContainText('Page 1 of');
  await pages.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await expect(pages).toContainText('Page 2 of');
});

test('a token of markup in a dropped file shows up as its characters', async ({ page }) => {
  const alerts: string[] = [];
  page.on('dialog', (d) => {
    alerts.push(d.message());
    void d.dismiss();
  });
  await page.goto('/');
  const train = tabbedConll([
    [['Anna', 'B-PER'], ['saw', 'O'], [MARKUP, 'B-MISC'], ['in', 'O'], ['Oslo', 'B-LOC']],
    [['Tom', 'B-PER'], ['typed', 'O'], [MARKUP, 'O']],
    [['Mia', 'B-PER'], ['left', 'O'], ['Lima', 'B-LOC']],
  ]);
  const dev = tabbedConll([[['Lars', 'B-PER'], ['met', 'O'], ['Acme', 'B-ORG']]]);
  await dropFiles(page, [{ name: 'train.txt', text: train }, { name: 'dev.txt', text: dev }]);
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 3 / })).toBeVisible();

  const view = page.getByRole('region', { name: 'Dataset view' });
  await view.getByLabel('Search sentences').fill('onerror');
  const results = view.getByRole('list', { name: 'Matching sentences' });
  await expect(results.getByRole('listitem')).toHaveCount(2);
  expect(await sentenceText(results.getByRole('listitem').first())).toBe(`Anna saw ${MARKUP} in Oslo`);
  await expect(results.locator('mark.entity-misc')).toHaveText(`${MARKUP}MISC`);
  expect(await sentenceText(results.getByRole('listitem').nth(1))).toBe(`Tom typed ${MARKUP}`);
  await expect(page.locator('img')).toHaveCount(0);
  expect(alerts).toEqual([]);
  await screenshot(page, 'lab-03-markup-as-text');
});

test('after a short run the model view shows CRF transitions and error analysis reads the dev set', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'people.conll', text: tinyConll(40) }]);
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^dev 8 / })).toBeVisible();
  await openTab(page, 'Analyze');
  const model = page.getByRole('region', { name: 'Model view' });
  await expect(model).toContainText('Select a run');

  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await setNumber(page, 'Max steps', 3);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);
  await openTab(page, 'Analyze');

  const heatmap = model.getByRole('img', { name: 'CRF transitions heatmap' });
  await expect(heatmap).toBeVisible();
  await expect(heatmap).toHaveAttribute('data-rows', '6');
  for (const label of ['O', 'B-LOC', 'B-ORG', 'B-PER', 'I-ORG', 'I-PER']) {
    await expect(heatmap.locator('text', { hasText: new RegExp(`^${label}$`) }).first()).toBeVisible();
  }
  await model.getByText('CRF transitions heatmap as a table').click();
  await expect(model.getByRole('table', { name: 'CRF transitions heatmap values' }).getByRole('row')).toHaveCount(7);
  const [svgFile] = await Promise.all([page.waitForEvent('download'), model.getByRole('button', { name: 'Download SVG' }).first().click()]);
  expect(svgFile.suggestedFilename()).toBe('crf-transitions-heatmap.svg');
  const svgText = readFileSync(await svgFile.path(), 'utf8');
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toMatch(/<text[^>]*font-size="\d+(\.\d+)?px"[^>]*>B-PER<\/text>/);
  await screenshot(page, 'lab-04-crf-heatmap');
  await model.screenshot({ path: 'e2e/screenshots/lab-04-crf-heatmap-section.png' });

  // The dev split is 8 sentences of the tiny file, each with a PER, an ORG and a LOC entity.
  const errors = page.getByRole('region', { name: 'Error analysis' });
  const buckets = errors.getByRole('group', { name: 'Error buckets' });
  await expect(buckets).toBeVisible();
  const totals = errors.locator('.error-totals');
  const gold = Number(await totals.getAttribute('data-gold'));
  const pred = Number(await totals.getAttribute('data-pred'));
  expect(gold).toBe(24);
  await expect(buckets.getByRole('button')).toHaveCount(6);
  expect(await sumOf(buckets.getByRole('button'), 'data-gold')).toBe(gold);
  expect(await sumOf(buckets.getByRole('button'), 'data-pred')).toBe(pred);
  await expect(errors.getByRole('img', { name: 'Confusion matrix' })).toBeVisible();
  const missed = buckets.getByRole('button', { name: /^Missed/ });
  await missed.click();
  await expect(missed).toHaveAttribute('aria-pressed', 'true');
  // Three steps of training miss entities; the examples show them.
  expect(Number(await missed.getAttribute('data-gold'))).toBeGreaterThan(0);
  await expect(errors.getByRole('table', { name: 'Missed examples' })).toBeVisible();
  await screenshot(page, 'lab-05-error-analysis');
  await errors.screenshot({ path: 'e2e/screenshots/lab-05-error-analysis-section.png' });
});
