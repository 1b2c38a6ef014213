import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { parseEncoderConfig } from '../model/hf/config';
import { frozenDenseParameters, pretrainedFit, weightStorageNote } from './pretrainedMemory';

/** bert-base-cased's shape. */
const BERT_BASE = parseEncoderConfig({ model_type: 'bert', vocab_size: 28996, hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072, max_position_embeddings: 512 });
const CONFIG: RunConfig = { ...DEFAULT_CONFIG, encoder: 'pretrained', baseModel: 'bert-base-cased', batchSize: 16, maxLength: 128 };
const ROOMY = { maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: 2 ** 31 };

describe('pretrainedFit', () => {
  it('counts bert-base-cased as transformers does, the head included', () => {
    const fit = pretrainedFit(CONFIG, BERT_BASE, 9, ROOMY);
    // BertModel without its pooler: 107,719,680 parameters (bert-base-cased).
    expect(fit.total).toBe(107_719_680 + 768 * 9 + 9 + 81 + 18);
    expect(fit.trainable).toBe(fit.total);
    expect(fit.seqLen).toBe(128);
    expect(fit.problem).toBeNull();
  });

  it.each<[Partial<RunConfig>, number]>([
    [{ finetune: 'frozen' }, 768 * 9 + 9 + 81 + 18],
    [{ finetune: 'lora', loraRank: 8 }, 12 * 2 * 2 * 768 * 8 + 768 * 9 + 9 + 81 + 18],
  ])('%o trains %i parameters', (patch, trainable) => {
    expect(pretrainedFit({ ...CONFIG, ...patch }, BERT_BASE, 9, ROOMY).trainable).toBe(trainable);
  });

  it('says why a model does not fit, before training', () => {
    const webgpuDefaults = { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 };
    expect(pretrainedFit({ ...CONFIG, batchSize: 64, maxLength: 512 }, BERT_BASE, 9, webgpuDefaults).problem).toMatch(/attention scores \[64, 12, 512, 512\] take .* more than this GPU allows in one buffer/);
    expect(pretrainedFit(CONFIG, BERT_BASE, 9, { ...ROOMY, memoryBytes: 2 ** 30 }).problem).toMatch(/^Training needs about .* more than the 1\.0 GiB available/);
    expect(pretrainedFit({ ...CONFIG, finetune: 'top', topLayers: 20 }, BERT_BASE, 9, ROOMY).problem).toBe("topLayers: 20 is more than the model's 12 layers");
  });

  it("halves the frozen dense weights on WebGPU under 'auto', keeps float32 elsewhere, and says so", () => {
    const lora = { ...CONFIG, finetune: 'lora' as const };
    const frozen = frozenDenseParameters(BERT_BASE, { mode: 'lora', rank: 8, alpha: 16 });
    expect(frozen).toBe(12 * (4 * 768 * 768 + 2 * 768 * 3072));
    const gpu = pretrainedFit(lora, BERT_BASE, 9, ROOMY, 128, 'webgpu');
    const wasm = pretrainedFit(lora, BERT_BASE, 9, ROOMY, 128, 'wasm');
    expect([gpu.halfPrecision, gpu.halfParameters, wasm.halfPrecision]).toEqual([true, frozen, false]);
    expect(wasm.memoryBytes - gpu.memoryBytes).toBe(2 * frozen);
    expect(pretrainedFit({ ...lora, frozenWeights: 'float32' }, BERT_BASE, 9, ROOMY, 128, 'webgpu').halfPrecision).toBe(false);
    expect(pretrainedFit({ ...lora, frozenWeights: 'float16' }, BERT_BASE, 9, ROOMY, 128, 'wasm').halfPrecision).toBe(true);
    expect(weightStorageNote(gpu, lora, 'webgpu')).toBe('Frozen weights: float16 storage for 84,934,656 parameters (162 MiB instead of 324 MiB), expanded to float32 for each product.');
    expect(weightStorageNote(wasm, lora, 'wasm')).toBe('Frozen weights: float32 (float16 storage is used on WebGPU; this run is on wasm).');
  });
});
