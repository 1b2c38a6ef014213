/**
 * A Llama-style decoder in the studio: its files (sharded weights) dropped on the pretrained panel,
 * fine-tuned with LoRA on WebGPU (SwiftShader here; frozen weights in float16) and on wasm (float32)
 * with two decoder contexts compared, tagged in the playground, and exported as
 * LlamaForTokenClassification.
 */
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { dropFiles, openTab, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

const FIXTURES = 'testing/fixtures/hf';

/** Drops a fixture's files (reference.json aside) on the pretrained panel (on the Train tab), as a DataTransfer drop. */
async function dropModel(page: Page, fixture = 'tiny-llama'): Promise<void> {
  const files = readdirSync(`${FIXTURES}/${fixture}`)
    .filter((f) => f !== 'reference.json')
    .map((name) => ({ name, base64: readFileSync(`${FIXTURES}/${fixture}/${name}`).toString('base64') }));
  const panel = page.getByRole('group', { name: 'Pretrained model' });
  const transfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files);
  await panel.dispatchEvent('dragover', { dataTransfer: transfer });
  await panel.dispatchEvent('drop', { dataTransfer: transfer });
  // The panel keeps its drop, and the window's drop overlay goes with it.
  await expect(page.getByText('Drop CoNLL files to load them as a dataset')).toBeHidden();
}

/** Tensor names in a safetensors file: an 8-byte little-endian header length, then the JSON header. */
function safetensorsNames(bytes: Uint8Array): string[] {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return Object.keys(JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)))).filter((k) => k !== '__metadata__');
}

test('a tiny Llama from dropped files: LoRA on webgpu and wasm, two decoder contexts compared, tagged, exported', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(8) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await openTab(page, 'Train');
  await page.getByLabel('Encoder', { exact: true }).selectOption('pretrained');
  await dropModel(page);
  const summary = page.getByRole('group', { name: 'Loaded model' });
  await expect(summary).toContainText('Llama (LlamaForCausalLM), 2 layers, hidden size 32');
  await expect(summary).toContainText(/bpe tokens/);

  await page.getByLabel('Fine-tuning').selectOption('lora');
  await page.getByLabel('LoRA on the MLP too').check();
  await expect(page.getByLabel('Decoder context')).toHaveValue('bidirectional');
  await expect(page.getByText('A decoder reads left to right.')).toBeVisible();
  await page.getByLabel('Backend').selectOption('webgpu');
  await expect(summary).toContainText(/on webgpu, frozen weights in float16\./);
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 4);
  await setNumber(page, 'Learning rate', 0.01);
  await screenshot(page, '33-decoder-files');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  expect(await waitForRunEnd(page)).toMatch(/run-1: finished .* backend webgpu/);
  await expect(page.getByText(/^Frozen weights: float16 storage for [\d,]+ parameters/)).toBeVisible();

  await page.getByLabel('Decoder context').selectOption('sentence+reverse');
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/run-2: finished .* backend wasm/, { timeout: 180_000 });
  await expect(page.getByText('Frozen weights: float32 (float16 storage is used on WebGPU; this run is on wasm).')).toBeVisible();

  // Compare boxes in the runs sidebar, the table on the Compare tab, the sentence on the Playground tab.
  await page.getByRole('checkbox', { name: 'Compare run-1' }).check();
  await page.getByRole('checkbox', { name: 'Compare run-2' }).check();
  await openTab(page, 'Compare');
  const table = page.getByRole('table', { name: 'Run comparison' });
  await expect(table.getByRole('row', { name: /^run-1 pretrained .* \(lora \+ MLP, bidirectional\)/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^run-2 pretrained .* \(lora \+ MLP, sentence\+reverse\)/ })).toBeVisible();

  // The playground tags with the selected run (run-2): its tokenizer and reversed windows come from base_model/.
  await openTab(page, 'Playground');
  await page.getByLabel('Try a sentence').fill('Anna Berg joined Acme Corp in Oslo .');
  await page.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Predicted entities' }).locator('.tagged-sentence')).toContainText('Oslo');
  await screenshot(page, '34-decoder-trained');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Hugging Face model' }).click()]);
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(zip).sort()).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
  const config = JSON.parse(new TextDecoder().decode(zip['config.json']));
  expect(config.architectures).toEqual(['LlamaForTokenClassification']);
  expect(config.ner_studio).toMatchObject({ decoder_context: 'sentence+reverse', word_prefix_space: true });
  const names = safetensorsNames(zip['model.safetensors']);
  for (const name of ['model.embed_tokens.weight', 'model.layers.1.mlp.down_proj.weight', 'model.norm.weight', 'score.weight', 'score.bias', 'crf.transitions']) expect(names).toContain(name);
  expect(names.filter((n) => n.includes('lora'))).toEqual([]);
});

test('ModernBERT and DeBERTa-v3 from dropped files: LoRA, and each exports as its transformers token classifier', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(8) }, { name: 'dev.txt', text: tinyConll(4) }]);
  await openTab(page, 'Train');
  await page.getByLabel('Encoder', { exact: true }).selectOption('pretrained');
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 4);
  await setNumber(page, 'Learning rate', 0.01);
  const cases = [
    { fixture: 'tiny-modernbert', family: 'ModernBERT (ModernBertForMaskedLM), 3 layers', architecture: 'ModernBertForTokenClassification', names: ['model.layers.1.attn.Wqkv.weight', 'head.dense.weight', 'classifier.weight'] },
    { fixture: 'tiny-deberta-v3', family: 'DeBERTa-v2/v3 (DebertaV2ForMaskedLM), 2 layers', architecture: 'DebertaV2ForTokenClassification', names: ['deberta.encoder.rel_embeddings.weight', 'deberta.encoder.layer.1.attention.self.query_proj.weight', 'classifier.weight'] },
  ];
  for (const [n, c] of cases.entries()) {
    await dropModel(page, c.fixture);
    await expect(page.getByRole('group', { name: 'Loaded model' })).toContainText(c.family);
    await expect(page.getByLabel('Decoder context')).toHaveCount(0); // encoders see both sides anyway
    await page.getByLabel('Fine-tuning').selectOption('lora');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(new RegExp(`run-${n + 1}: finished`), { timeout: 180_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Hugging Face model' }).click()]);
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(JSON.parse(new TextDecoder().decode(zip['config.json'])).architectures).toEqual([c.architecture]);
    const names = safetensorsNames(zip['model.safetensors']);
    for (const name of c.names) expect(names).toContain(name);
    expect(names.filter((name) => name.includes('lora'))).toEqual([]);
  }
  await screenshot(page, '35-encoders-trained');
});
