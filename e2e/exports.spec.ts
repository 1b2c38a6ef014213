import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openTab, screenshot, setNumber, trainTinyRun, waitForRunEnd, type TabName } from './helpers';

async function download(page: Page, button: string, figure?: string): Promise<{ name: string; bytes: Buffer }> {
  const scope = figure ? page.getByRole('figure', { name: figure, exact: true }) : page;
  const [file] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test('charts download as PNG and SVG, a run as YAML config, all runs as one CSV', async ({ page }) => {
  await trainTinyRun(page);
  await setNumber(page, 'Learning rate', 0.02);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/run-2: finished/);

  const png = await download(page, 'Download PNG', 'Training loss');
  expect(png.name).toBe('training-loss-chart.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(200); // IHDR width, at 2x scale

  const svg = await download(page, 'Download SVG', 'Dev F1');
  expect(svg.name).toBe('dev-f1-chart.svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toContain('chart-line');

  const yaml = await download(page, 'Download config YAML');
  expect(yaml.name).toBe('run-2.yaml');
  const text = yaml.bytes.toString('utf8');
  expect(text).toMatch(/^model:\n/m);
  expect(text).toMatch(/^ {2}encoder: bilstm$/m);
  expect(text).toMatch(/^ {2}crf: true$/m);
  expect(text).toMatch(/^ {2}lr: 0\.02$/m);
  expect(text).toMatch(/^ {2}seed: 42$/m);

  const all = await download(page, 'Download all runs CSV');
  const lines = all.bytes.toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('run,wall_time,step,epoch,metric,value');
  const runs = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  expect([...runs].sort()).toEqual(['run-1', 'run-2']);
  await screenshot(page, '11-exports');

  // Outside automation finds the contract's controls by (substring) name after choosing their tab: there, each must
  // match one element (the runs sidebar's on every tab), and no other tab may hold a second one.
  const CONTRACT: { role: Parameters<typeof page.getByRole>[0] | 'label'; name: string; tab: TabName | 'sidebar' }[] = [
    { role: 'button', name: 'Train', tab: 'Train' },
    { role: 'button', name: 'Stop', tab: 'Train' },
    { role: 'button', name: 'Load demo dataset', tab: 'Data' },
    { role: 'button', name: 'Download checkpoint', tab: 'sidebar' },
    { role: 'button', name: 'Download CSV log', tab: 'sidebar' },
    { role: 'combobox', name: 'Encoder', tab: 'Train' },
    { role: 'combobox', name: 'Loss', tab: 'Train' },
    { role: 'checkbox', name: 'CRF', tab: 'Train' },
    { role: 'spinbutton', name: 'Epochs', tab: 'Train' },
    { role: 'spinbutton', name: 'Batch size', tab: 'Train' },
    { role: 'spinbutton', name: 'Learning rate', tab: 'Train' },
    { role: 'status', name: 'Run status', tab: 'Train' },
    { role: 'img', name: 'Training loss chart', tab: 'Train' },
    { role: 'img', name: 'Dev F1 chart', tab: 'Train' },
    { role: 'table', name: 'Runs', tab: 'sidebar' },
    { role: 'region', name: 'Dataset drop zone', tab: 'Data' },
    { role: 'label', name: 'Add dataset files', tab: 'Data' },
    { role: 'textbox', name: 'Try a sentence', tab: 'Playground' },
    { role: 'region', name: 'Predicted entities', tab: 'Playground' },
  ];
  for (const tab of ['Data', 'Train', 'Compare', 'Analyze', 'Playground'] as TabName[]) {
    await openTab(page, tab);
    for (const { role, name, tab: home } of CONTRACT) {
      // getByRole leaves out what is hidden (the other tabs); getByLabel needs telling.
      const found = role === 'label' ? page.getByLabel(name).filter({ visible: true }) : page.getByRole(role, { name });
      await expect(found, `${role} ${name} on the ${tab} tab`).toHaveCount(home === tab || home === 'sidebar' ? 1 : 0);
    }
  }
});

test('the studio works from the keyboard and shows where the focus is', async ({ page }) => {
  await page.goto('/');
  // Tab to the demo button and press it, never touching the mouse.
  for (let i = 0; i < 10 && !(await page.getByRole('button', { name: 'Load demo dataset' }).evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  const demo = page.getByRole('button', { name: 'Load demo dataset' });
  await expect(demo).toBeFocused();
  const outline = await demo.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(outline).toMatch(/^solid [1-9]/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Dataset summary' }).getByRole('row', { name: /^train 1500 / })).toBeVisible();

  // To the Train tab by keys: the tab list takes arrows.
  await page.getByRole('tab', { name: 'Data' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  const maxSteps = page.getByLabel('Max steps', { exact: true });
  await maxSteps.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter'); // submits the form: Train
  await waitForRunEnd(page);
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/run-1: finished · epoch 1\/1 · step 3/);
  await screenshot(page, '12-keyboard');
});

test('a YAML config imports into the form; a bad one names the key and changes nothing', async ({ page }) => {
  await page.goto('/');
  await openTab(page, 'Train');
  const input = page.getByLabel('Import config YAML');
  const good = ['model:', '  encoder: bilstm', '  crf: false', '  loss:', '    type: cross_entropy', '  dropuot: 0.1', 'training:', '  lr: 0.005', '  epochs: 7', '  batch_size: 12', '  seed: 3', ''].join('\n');
  await input.setInputFiles({ name: 'run.yaml', mimeType: 'application/yaml', buffer: Buffer.from(good) });
  await expect(page.getByText('Imported run.yaml.')).toBeVisible();
  await expect(page.getByText(/model\.dropuot: unknown key/)).toBeVisible();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('7');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('12');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.005');
  await expect(page.getByLabel('Loss', { exact: true })).toHaveValue('cross_entropy');
  await expect(page.getByLabel('CRF', { exact: true })).not.toBeChecked();

  const bad = ['training:', '  epochs: -2', ''].join('\n');
  await input.setInputFiles({ name: 'bad.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
  await expect(page.getByRole('alert').filter({ hasText: /bad\.yaml:2: training\.epochs/ })).toBeVisible();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('7');
  await screenshot(page, '15-config-import');
});
