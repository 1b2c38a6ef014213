/**
 * Every key the studio writes to run.yaml reads in ner_studio_torch to the same RunConfig: a field added on the
 * TypeScript side (issue 16's lora.mlp, decoder_context, frozen_weights) and not on the Python side made every
 * exported project fail on its first line. Python reads the YAML that toRunYaml writes and prints the config back.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { toRunYaml } from '../core/config/yamlConfig';
import { HAS_TORCH, PYTHON_SKIP_REASON, runPython } from '../../testing/python';

const READ_BACK = [
  'import json, sys',
  'from ner_studio_torch.config import parse_run_yaml',
  'from ner_studio_torch.errors import UserError',
  'try:',
  '    r = parse_run_yaml(sys.stdin.read(), "run.yaml")',
  '    print(json.dumps({"config": r.config, "warnings": r.warnings}))',
  'except UserError as e:',
  '    print(json.dumps({"error": str(e)}))',
].join('\n');

async function readInPython(config: RunConfig): Promise<{ config?: RunConfig; warnings?: string[]; error?: string }> {
  const r = await runPython(['-c', READ_BACK], { input: toRunYaml(config, { train: 'train.txt' }) });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe.skipIf(!HAS_TORCH)(`run.yaml from the studio in ner_studio_torch ${PYTHON_SKIP_REASON}`, () => {
  it.each<[string, Partial<RunConfig>]>([
    ['the defaults', {}],
    ['a pretrained LoRA run with every newer key off its default', { encoder: 'pretrained', baseModel: 'bert-base-cased', finetune: 'lora', decoderContext: 'causal', frozenWeights: 'float32', loraRank: 4 }],
  ])('%s read back field for field', async (_, change) => {
    const config = { ...DEFAULT_CONFIG, ...change };
    const back = await readInPython(config);
    expect(back.error).toBeUndefined();
    expect(Object.keys(back.config!).sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    expect(back.config).toEqual(config);
  });

  it('refuses LoRA on the MLP, which it cannot honour, naming the key; float16 storage is a warning', async () => {
    const refused = await readInPython({ ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: 'bert-base-cased', finetune: 'lora', loraMlp: true });
    expect(refused.error).toBe("run.yaml: model.lora.mlp: LoRA on the MLP is the studio's; ner_studio_torch puts adapters on attention only; set it to false");
    const warned = await readInPython({ ...DEFAULT_CONFIG, frozenWeights: 'float16' });
    expect(warned.warnings).toEqual(["model.frozen_weights: float16 is the studio's WebGPU storage; here frozen weights stay float32"]);
  });
});
