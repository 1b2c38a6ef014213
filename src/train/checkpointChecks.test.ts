/** Damaged, forged and diverged checkpoints are refused with the zip and the entry named, and leave no tensors behind. */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, test } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../core/checkpoint/safetensors';
import { expectNoLeaks, useBackend } from '../../testing/tfjs';
import { loadCheckpoint } from './checkpointIO';

const FIXTURE = new Uint8Array(readFileSync(new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url)));
const ENTRIES = unzipSync(FIXTURE);
const json = (name: string) => JSON.parse(new TextDecoder().decode(ENTRIES[name])) as Record<string, unknown>;

/** The fixture with some entries replaced (undefined removes one); weights stay stored, as the studio writes them. */
function rezip(changes: Record<string, Uint8Array | undefined>): Uint8Array {
  const files: Zippable = {};
  for (const [name, bytes] of Object.entries({ ...ENTRIES, ...changes })) {
    if (bytes) files[name] = name === 'model.safetensors' ? [bytes, { level: 0 }] : bytes;
  }
  return zipSync(files);
}

/** The fixture's weights with `edit` applied to the decoded tensors. */
function withWeights(edit: (tensors: Map<string, { shape: number[]; data: Float32Array }>) => void): Uint8Array {
  const tensors = decodeSafetensors(ENTRIES['model.safetensors']).tensors as Map<string, { shape: number[]; data: Float32Array }>;
  edit(tensors);
  return rezip({ 'model.safetensors': encodeSafetensors([...tensors].map(([name, t]) => ({ name, ...t }))) });
}

/** Writes a size into the zip's central directory entry for `name` (offset 20: packed, 24: unpacked), as a forger would. */
function forgeSize(zip: Uint8Array, name: string, offset: 20 | 24, value: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(out.subarray(at + 46, at + 46 + length)) === name) {
      view.setUint32(at + offset, value, true);
      return out;
    }
  }
  throw new Error(`no ${name} in the zip`);
}

const config = json('config.json');
const vocab = json('vocab.json');
const firstTensor = [...decodeSafetensors(ENTRIES['model.safetensors']).tensors.keys()][0];

describe('checkpoints are checked, not trusted', () => {
  test.each<[string, () => Uint8Array, RegExp]>([
    ['not a zip', () => strToU8('hello'), /^ckpt\.zip: not a zip file, or a damaged one/],
    ['no model.safetensors', () => rezip({ 'model.safetensors': undefined }), /^ckpt\.zip: the zip has no model\.safetensors/],
    ['config.json that is not JSON', () => rezip({ 'config.json': strToU8('{"format": ') }), /^ckpt\.zip: config\.json in the zip is not valid JSON \(.*\); the checkpoint is damaged$/],
    ['vocab.json that is not JSON', () => rezip({ 'vocab.json': strToU8('[') }), /^ckpt\.zip: vocab\.json in the zip is not valid JSON/],
    [
      'labels of vocab.json and config.json disagree',
      () => rezip({ 'vocab.json': strToU8(JSON.stringify({ ...vocab, labels: [...(vocab.labels as string[])].reverse() })) }),
      /^ckpt\.zip: the labels of config\.json \(O B-LOC .*\) and of vocab\.json \(.*\) disagree/,
    ],
    [
      'id2label that disagrees with labels',
      () => rezip({ 'config.json': strToU8(JSON.stringify({ ...config, id2label: { 0: 'X' } })) }),
      /^ckpt\.zip: config\.json's id2label and label2id disagree with its labels/,
    ],
    ['a NaN weight', () => withWeights((t) => (t.get(firstTensor)!.data[3] = NaN)), new RegExp(`^ckpt\\.zip: model\\.safetensors: tensor '${firstTensor}' has 1 NaN values of \\d+: training diverged`)],
    ['infinite weights', () => withWeights((t) => t.get(firstTensor)!.data.fill(-Infinity, 0, 2)), /has 2 infinite values of/],
    [
      'a tensor of the wrong shape',
      () => withWeights((t) => t.set(firstTensor, { shape: [1, 1], data: new Float32Array(1) })),
      new RegExp(`^ckpt\\.zip: model\\.safetensors: tensor '${firstTensor}' has shape \\[1, 1\\], but the model config\\.json and vocab\\.json describe needs \\[`),
    ],
    ['a missing tensor', () => withWeights((t) => t.delete(firstTensor)), new RegExp(`^ckpt\\.zip: model\\.safetensors has no tensor '${firstTensor}'`)],
    ['a tensor the model lacks', () => withWeights((t) => t.set('extra.bias', { shape: [2], data: new Float32Array(2) })), /^ckpt\.zip: model\.safetensors has a tensor 'extra\.bias' that the model/],
    [
      'weights far larger than the model (zeros that deflate to nothing)',
      () => zipSync({ ...ENTRIES, 'model.safetensors': new Uint8Array(24 << 20) }),
      /^ckpt\.zip: model\.safetensors would unpack to 24\.0 MiB, more than this checkpoint's model can use \(\d+\.\d MiB\); .* nothing was unpacked$/,
    ],
    [
      'a directory that claims 3.7 GiB: refused before inflating',
      () => forgeSize(zipSync({ ...ENTRIES, 'model.safetensors': new Uint8Array(1 << 20) }), 'model.safetensors', 24, 4_000_000_000),
      /^ckpt\.zip: model\.safetensors would unpack to 3815 MiB/,
    ],
    [
      'packed and unpacked sizes that do not fit together',
      () => forgeSize(zipSync({ ...ENTRIES, 'model.safetensors': [ENTRIES['model.safetensors'], { level: 6 }] }), 'model.safetensors', 24, 10),
      /^ckpt\.zip: model\.safetensors: the zip's directory gives sizes that do not fit together/,
    ],
    ['a config.json of 8 MiB', () => rezip({ 'config.json': new Uint8Array(8 << 20).fill(32) }), /^ckpt\.zip: config\.json would unpack to 8\.0 MiB/],
  ])('%s', async (_name, make, message) => {
    await useBackend('cpu');
    const bytes = make();
    await expectNoLeaks(() => expect(() => loadCheckpoint(bytes, 'ckpt.zip')).toThrow(message));
  });

  test('the untouched fixture loads, through the same rezip', async () => {
    await useBackend('cpu');
    await expectNoLeaks(() => loadCheckpoint(rezip({}), 'ckpt.zip').tagger.dispose());
  });
});
