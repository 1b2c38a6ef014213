/**
 * The runs sidebar: renaming in place (the name goes into charts, CSV and file names), one colour per run that its
 * swatch and its lines share in every chart and both schemes, notices when a run ends or fails, and files dropped
 * anywhere on the window.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropFiles, openTab, screenshot, setNumber, tinyConll, trainTinyRun, waitForRunEnd } from './helpers';

/** Any CSS colour as the browser computes it ("rgb(26, 95, 180)"), so a hex stroke and a background compare. */
const computed = (page: Page, colour: string) =>
  page.evaluate((c) => {
    const probe = document.createElement('span');
    probe.style.color = c;
    document.body.append(probe);
    const out = getComputedStyle(probe).color;
    probe.remove();
    return out;
  }, colour);

const swatchOf = (page: Page, run: string) =>
  page
    .getByRole('table', { name: 'Runs' })
    .getByRole('row', { name: new RegExp(`^${run} `) })
    .locator('.swatch')
    .evaluate((el) => getComputedStyle(el).backgroundColor);

async function lineColours(chart: Locator): Promise<string[]> {
  const strokes = await chart.locator('path.chart-line').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke') ?? ''));
  return Promise.all(strokes.map((s) => computed(chart.page(), s)));
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('rename a run in place: its name and colour follow it into every chart, the CSV and the downloads', async ({ page }) => {
  await trainTinyRun(page);
  await setNumber(page, 'Learning rate', 0.02);
  await page.getByRole('button', { name: 'Train' }).click();
  expect(await waitForRunEnd(page)).toMatch(/^run-2: finished/);
  await page.getByRole('checkbox', { name: 'Compare run-1' }).check();
  await page.getByRole('checkbox', { name: 'Compare run-2' }).check();

  // In place: the name becomes a text box; Enter keeps the new name and gives the focus back to it.
  await page.getByRole('button', { name: 'run-1', exact: true }).click();
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'New name for run-1' });
  await expect(box).toBeFocused();
  await box.fill('baseline');
  await box.press('Enter');
  const renamed = page.getByRole('button', { name: 'baseline', exact: true });
  await expect(renamed).toBeFocused();
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^baseline train\.txt, dev\.txt bilstm crf \+ CRF finished/ })).toBeVisible();

  // A name another run has is refused in place, saying why; Escape leaves the old one.
  await page.getByRole('button', { name: 'run-2', exact: true }).dblclick();
  const second = page.getByRole('textbox', { name: 'New name for run-2' });
  await second.fill('Baseline');
  await second.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Another run is called baseline.' })).toBeVisible();
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'sidebar-01-rename-refused');
  await second.press('Escape');
  await expect(second).toBeHidden();
  await expect(page.getByRole('button', { name: 'run-2', exact: true })).toBeFocused();

  // One colour per run, the same in the sidebar and in every chart, in light and in dark mode.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const [base, two] = [await swatchOf(page, 'baseline'), await swatchOf(page, 'run-2')];
    expect(base).not.toBe(two);
    await openTab(page, 'Train');
    await page.getByRole('button', { name: 'baseline', exact: true }).click();
    expect(await lineColours(page.getByRole('img', { name: 'Training loss chart' }))).toEqual([base]);
    expect(await lineColours(page.getByRole('img', { name: 'Dev F1 chart' }))).toEqual([base, base, base]);
    await expect(page.getByRole('img', { name: 'Training loss chart' })).toHaveAccessibleDescription(/^baseline: 2 steps/);
    await page.getByRole('button', { name: 'run-2', exact: true }).click();
    expect(await lineColours(page.getByRole('img', { name: 'Training loss chart' }))).toEqual([two]);
    await openTab(page, 'Compare');
    const compare = page.getByRole('img', { name: 'Run comparison chart' });
    expect(await lineColours(compare)).toEqual([base, two]);
    await expect(compare.locator('.chart-legend-item')).toHaveText(['baseline', 'run-2']);
    await screenshot(page, `sidebar-02-colours-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByRole('table', { name: 'Run comparison' }).getByRole('row', { name: /^baseline / })).toBeVisible();

  // Downloads carry the name: file names, and the CSV's run column.
  await page.getByRole('button', { name: 'baseline', exact: true }).click();
  const csv = await download(page, 'Download CSV log');
  expect(csv.name).toBe('baseline.csv');
  expect(new Set(csv.text.trim().split('\n').slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['baseline']));
  expect((await download(page, 'Download checkpoint')).name).toBe('baseline.zip');
  expect((await download(page, 'Download config YAML')).name).toBe('baseline.yaml');
  const all = await download(page, 'Download all runs CSV');
  expect(new Set(all.text.trim().split('\n').slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['baseline', 'run-2']));

  // Kept across a reload, with its colour.
  const before = await swatchOf(page, 'baseline');
  await page.reload();
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^baseline / })).toBeVisible();
  expect(await swatchOf(page, 'baseline')).toBe(before);
});

test('a run that fails says so in the page and in the tab title, until dismissed', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await expect(page.getByRole('banner')).toContainText('Dataset train.txt, dev.txt');
  await openTab(page, 'Train');
  // 8-dimensional vectors, then a word size that does not fit them: the training worker refuses to start.
  await page.getByLabel('Add word vectors').setInputFiles({ name: 'tiny.glove.txt', mimeType: 'text/plain', buffer: Buffer.from('oslo 1 0 0 0 0 0 0 0\n') });
  await expect(page.getByLabel('Word dim', { exact: true })).toHaveValue('8');
  await page.getByText('Advanced settings').click();
  await setNumber(page, 'Word dim', 50);
  await setNumber(page, 'Epochs', 1);
  await page.getByRole('button', { name: 'Train' }).click();
  expect(await waitForRunEnd(page)).toMatch(/^run-1: failed/);
  const notices = page.getByRole('region', { name: 'Notifications' });
  await expect(notices).toContainText(/^run-1 failed: .*8-dimensional vectors but wordDim is 50/);
  await expect(page).toHaveTitle(/^✗ run-1 failed: .* · NER Training Studio$/);
  await screenshot(page, 'sidebar-03-run-failed');
  await notices.getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(notices).toHaveText('');
  await expect(page).toHaveTitle('NER Training Studio');
});

test('files dropped anywhere on the window load as a dataset, with an overlay while they are dragged', async ({ page }) => {
  await page.goto('/#train');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'people.conll', { type: 'text/plain' }));
    return dt;
  }, tinyConll(40));
  // Over the Train tab's form, far from the Data tab's drop zone (not even rendered).
  const target = page.getByRole('spinbutton', { name: 'Epochs' });
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  const overlay = page.getByText('Drop CoNLL files to load them as a dataset');
  await expect(overlay).toBeVisible();
  await screenshot(page, 'sidebar-04-drop-overlay');
  await target.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(overlay).toBeHidden();
  await expect(page.getByRole('banner')).toContainText('Dataset people.conll · 32 train sentences');
  await openTab(page, 'Data');
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^dev 8 / })).toBeVisible();

  // A drag that leaves the window takes the overlay with it.
  await page.locator('h1').dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(overlay).toBeVisible();
  await page.locator('body').dispatchEvent('dragleave', { dataTransfer: transfer });
  await expect(overlay).toBeHidden();
});
