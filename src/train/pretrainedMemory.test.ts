import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../core/config/config';
import { parseEncoderConfig } from '../model/hf/config';
import { pretrainedFit } from './pretrainedMemory';

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
});
