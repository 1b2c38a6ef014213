/** A pretrained Hugging Face encoder in the studio: from files and from a (local) Hub, trained, exported. */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { unzipSync } from 'fflate';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dropFiles, openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

const FIXTURE = 'testing/fixtures/hf/tiny-bert';
const MODEL_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'];
const fixturePaths = MODEL_FILES.map((f) => `${FIXTURE}/${f}`);

/** Tensor names in a safetensors file: an 8-byte little-endian header length, then the JSON header. */
function safetensorsNames(bytes: Uint8Array): string[] {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<string, unknown>;
  return Object.keys(header).filter((k) => k !== '__metadata__');
}

async function choosePretrained(page: Page): Promise<void> {
  await openTab(page, 'Train');
  await page.getByLabel('Encoder', { exact: true }).selectOption('pretrained');
  await expect(page.getByRole('group', { name: 'Pretrained model' })).toBeVisible();
}

test('tiny BERT from files: a PyTorch-only set is refused, the model trains, and exports in the Hugging Face layout', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(24) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await choosePretrained(page);
  const addFiles = page.getByLabel('Add model files');

  await addFiles.setInputFiles([
    { name: 'config.json', mimeType: 'application/json', buffer: readFileSync(`${FIXTURE}/config.json`) },
    { name: 'pytorch_model.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('not really a pickle') },
    { name: 'tokenizer.json', mimeType: 'application/json', buffer: readFileSync(`${FIXTURE}/tokenizer.json`) },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'pytorch_model.bin' })).toContainText('safetensors');

  await addFiles.setInputFiles(fixturePaths);
  const summary = page.getByRole('group', { name: 'Loaded model' });
  await expect(summary).toContainText('BERT (BertForMaskedLM), 2 layers, hidden size 16');
  await expect(summary).toContainText(/Parameters: [\d,]+ trainable of [\d,]+ \(the whole encoder\)/);
  await page.getByLabel('Fine-tuning').selectOption('frozen');
  await expect(summary).toContainText(/Parameters: [\d,]+ trainable of [\d,]+ \(frozen encoder/);
  await page.getByLabel('Fine-tuning').selectOption('lora');
  await expect(page.getByLabel('LoRA rank')).toHaveValue('8');
  await page.getByLabel('Fine-tuning').selectOption('full');
  await screenshot(page, '30-pretrained-files');
  const axe = await new AxeBuilder({ page }).include('fieldset.pretrained').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} e.g. ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);

  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await setNumber(page, 'Learning rate', 0.001);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  expect(await waitForRunEnd(page)).toMatch(/run-1: finished/);
  await expect(page.getByRole('table', { name: 'Runs' })).toContainText('pretrained');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Hugging Face model' }).click()]);
  expect(download.suggestedFilename()).toBe('run-1-hf.zip');
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(zip).sort()).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
  const config = JSON.parse(new TextDecoder().decode(zip['config.json']));
  expect(config.architectures).toEqual(['BertForTokenClassification']);
  expect(Object.values(config.id2label).sort()).toEqual(['B-LOC', 'B-ORG', 'B-PER', 'I-ORG', 'I-PER', 'O']);
  expect(config.label2id[config.id2label['0']]).toBe(0);
  const names = safetensorsNames(zip['model.safetensors']);
  for (const name of ['bert.embeddings.word_embeddings.weight', 'bert.encoder.layer.1.output.LayerNorm.weight', 'classifier.weight', 'classifier.bias', 'crf.transitions', 'crf.start_transitions', 'crf.end_transitions']) {
    expect(names).toContain(name);
  }
  // The studio's own checkpoint carries the base model's config and tokenizer.
  const [ckpt] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download checkpoint' }).click()]);
  const studio = unzipSync(new Uint8Array(readFileSync(await ckpt.path())));
  expect(Object.keys(studio)).toEqual(expect.arrayContaining(['base_model/config.json', 'base_model/tokenizer.json', 'model.safetensors']));
  // The playground tags with the checkpoint: its tokenizer and windows come from base_model/.
  await openTab(page, 'Playground');
  await page.getByLabel('Try a sentence').fill('Anna Berg joined Acme Corp in Oslo .');
  await page.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Predicted entities' }).locator('.tagged-sentence')).toContainText('Oslo');
  await screenshot(page, '31-pretrained-trained');
});

test('tiny BERT trains on WebGPU (SwiftShader here) and the run finishes', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(8) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await choosePretrained(page);
  await page.getByLabel('Add model files').setInputFiles(fixturePaths);
  await expect(page.getByRole('group', { name: 'Loaded model' })).toContainText('Parameters');
  await page.getByLabel('Backend').selectOption('webgpu');
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 4);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/run-1: finished .* backend webgpu/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV log' }).click()]);
  const losses = readFileSync(await csv.path(), 'utf8').split('\n').filter((l) => l.includes(',train/loss,')).map((l) => Number(l.split(',').at(-1)));
  expect(losses.length).toBe(2);
  for (const loss of losses) expect(loss).toBeGreaterThan(0);
});

test.describe('the Hub path, against a local server', () => {
  let server: Server;
  let requests: string[] = [];
  let hub = '';

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const m = /^\/tiny\/tiny-bert\/resolve\/main\/([\w.-]+)$/.exec(req.url ?? '');
      const headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Content-Length' };
      if (!m || !MODEL_FILES.includes(m[1])) {
        res.writeHead(404, headers).end('Entry not found');
        return;
      }
      const body = readFileSync(`${FIXTURE}/${m[1]}`);
      res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) });
      if (req.method === 'HEAD') res.end();
      else if (m[1] !== 'model.safetensors') res.end(body);
      else {
        // The weights come in two halves, a second apart, so the progress bar can be seen.
        res.write(body.subarray(0, body.length >> 1));
        setTimeout(() => res.end(body.subarray(body.length >> 1)), 1000);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('downloads with progress, and the second load comes from the cache with no requests', async ({ page }) => {
    await page.goto(`/?hub=${encodeURIComponent(hub)}`);
    await choosePretrained(page);
    await expect(page.getByLabel('Hub address')).toHaveValue(hub);
    await page.getByLabel('Hugging Face model id').fill('tiny/tiny-bert');
    await page.getByRole('button', { name: 'Download model', exact: true }).click();
    await expect(page.getByRole('progressbar', { name: 'Model download' })).toBeVisible();
    await expect(page.getByText('Downloading model.safetensors')).toBeVisible();
    const summary = page.getByRole('group', { name: 'Loaded model' });
    await expect(summary).toContainText('tiny/tiny-bert: BERT');
    expect(requests.filter((r) => r.endsWith('model.safetensors'))).toEqual(['GET /tiny/tiny-bert/resolve/main/model.safetensors']);
    await screenshot(page, '32-pretrained-hub');

    const first = requests.length;
    await page.reload();
    await choosePretrained(page);
    await page.getByLabel('Hugging Face model id').fill('tiny/tiny-bert');
    await page.getByRole('button', { name: 'Download model', exact: true }).click();
    await expect(page.getByRole('group', { name: 'Loaded model' })).toContainText('tiny/tiny-bert: BERT');
    expect(requests.length - first).toBe(0);

    await page.getByLabel('Hugging Face model id').fill('tiny/missing-model');
    await page.getByRole('button', { name: 'Download model', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'tiny/missing-model' })).toContainText('config.json was not found');
  });
});
