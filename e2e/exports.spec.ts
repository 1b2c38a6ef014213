import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropFiles, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

async function download(page: Page, button: string, figure?: string): Promise<{ name: string; bytes: Buffer }> {
  const scope = figure ? page.getByRole('figure', { name: figure, exact: true }) : page;
  const [file] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test('charts download as PNG and SVG, a run as YAML config, all runs as one CSV', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);
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
  expect(svgText).toContain('recharts-line');

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

  // Outside automation finds the contract's controls by (substring) name: each must match one element.
  for (const name of ['Train', 'Stop', 'Load demo dataset', 'Download checkpoint', 'Download CSV log']) {
    await expect(page.getByRole('button', { name }), name).toHaveCount(1);
  }
  for (const [role, name] of [['combobox', 'Encoder'], ['combobox', 'Loss'], ['checkbox', 'CRF'], ['spinbutton', 'Epochs'], ['spinbutton', 'Batch size'], ['spinbutton', 'Learning rate'], ['status', 'Run status'], ['img', 'Training loss chart'], ['img', 'Dev F1 chart'], ['table', 'Runs'], ['region', 'Dataset drop zone']] as const) {
    await expect(page.getByRole(role, { name }), `${role} ${name}`).toHaveCount(1);
  }
  await expect(page.getByLabel('Add dataset files')).toHaveCount(1);
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
