import { describe, expect, test } from 'vitest';
import { expectNoLeaks, useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint } from './checkpoint';
import { parseEncoderConfig } from './config';
import { HfEncoder } from './encoder';
import { tinyCheckpointFiles } from '../../../testing/hfFixtures';
import { baseParameterCount, estimateEncoderMemory, memoryProblem } from './memory';

const base = { hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072, max_position_embeddings: 512, type_vocab_size: 2 };
const bertBaseCased = parseEncoderConfig({ model_type: 'bert', vocab_size: 28996, ...base });
const xlmrBase = parseEncoderConfig({ model_type: 'xlm-roberta', vocab_size: 250002, ...base, max_position_embeddings: 514, type_vocab_size: 1, pad_token_id: 1 });
const GIB = 2 ** 30;

/** SmolLM2-135M's config.json (HuggingFaceTB/SmolLM2-135M): 30 layers, 9 query and 3 key/value heads, tied embeddings. */
const smolLm2 = parseEncoderConfig({
  model_type: 'llama', vocab_size: 49152, hidden_size: 576, intermediate_size: 1536, num_hidden_layers: 30, num_attention_heads: 9, num_key_value_heads: 3,
  max_position_embeddings: 8192, rms_norm_eps: 1e-5, rope_theta: 100000, hidden_act: 'silu', tie_word_embeddings: true,
});
/** answerdotai/ModernBERT-base's config.json. */
const modernBertBase = parseEncoderConfig({
  model_type: 'modernbert', vocab_size: 50368, hidden_size: 768, intermediate_size: 1152, num_hidden_layers: 22, num_attention_heads: 12,
  max_position_embeddings: 8192, global_attn_every_n_layers: 3, local_attention: 128, norm_bias: false, classifier_bias: false,
});

describe('estimateEncoderMemory', () => {
  test('counts published models exactly: SmolLM2-135M 134,515,008; ModernBERT-base 149,014,272 plus its 768 x 768 head', () => {
    // SmolLM2: embeddings 49152*576 = 28,311,552; per layer q, o 576^2, k, v 576*192, MLP 3*576*1536, 2 norms 576: 3,540,096; x30, + final norm 576.
    expect(baseParameterCount(smolLm2)).toBe(28_311_552 + 30 * 3_540_096 + 576);
    expect(baseParameterCount(smolLm2)).toBe(134_515_008);
    // ModernBERT: embeddings + norm, 22 layers of Wqkv 768*2304, Wo 768^2, Wi 768*2304, Wo 1152*768 and two norms (layer 0 one), final norm; head dense + norm.
    expect(baseParameterCount(modernBertBase)).toBe(149_014_272 + 768 * 768 + 768);
  });

  test('a half-precision copy of the frozen weights halves their bytes', () => {
    const full = estimateEncoderMemory(smolLm2, { batchSize: 8, seqLen: 64, trainableParameters: 1000, training: true });
    const half = estimateEncoderMemory(smolLm2, { batchSize: 8, seqLen: 64, trainableParameters: 1000, training: true, halfPrecisionParameters: 100_000_000 });
    expect(full.parameterBytes - half.parameterBytes).toBe(2 * 100_000_000);
  });

  test.each([
    { what: 'SmolLM2-135M with LoRA at batch 8 x 64 fits 8 GiB and a 1 GiB binding', spec: () => smolLm2, B: 8, T: 64, memory: 8 * GIB, binding: GIB, problem: null },
    { what: "SmolLM2-135M's embeddings exceed a 64 MiB binding", spec: () => smolLm2, B: 8, T: 64, memory: 8 * GIB, binding: 64 * 2 ** 20, problem: /word embeddings \[49152, 576\] take 108 MiB, more than this GPU allows in one buffer \(64 MiB\)/ },
    { what: 'SmolLM2-135M at batch 64 x 2048 exceeds 4 GiB', spec: () => smolLm2, B: 64, T: 2048, memory: 4 * GIB, binding: 64 * GIB, problem: /Training needs about .* GiB .*more than the 4\.0 GiB available/ },
    { what: 'ModernBERT-base at batch 8 x 128 fits 8 GiB', spec: () => modernBertBase, B: 8, T: 128, memory: 8 * GIB, binding: 2 * GIB, problem: null },
  ])('$what', ({ spec, B, T, memory, binding, problem }) => {
    const estimate = estimateEncoderMemory(spec(), { batchSize: B, seqLen: T, trainableParameters: 500_000, training: true });
    const message = memoryProblem(estimate, { maxStorageBufferBindingSize: binding, maxBufferSize: binding, memoryBytes: memory });
    if (problem === null) expect(message).toBeNull();
    else expect(message).toMatch(problem);
  });

  test('counts the parameters exactly: the tiny BERT as built, bert-base-cased as published (108,310,272 with its pooler)', async () => {
    await useBackend('cpu');
    const checkpoint = readHfCheckpoint(tinyCheckpointFiles('tiny-bert'));
    await expectNoLeaks(() => {
      const encoder = new HfEncoder(checkpoint);
      const estimate = estimateEncoderMemory(checkpoint.spec, { batchSize: 1, seqLen: 8, trainableParameters: 0, training: false });
      expect(estimate.parameterBytes / 4).toBe(encoder.parameterCounts().total);
      encoder.dispose();
    });
    const pooler = 768 * 768 + 768;
    expect(estimateEncoderMemory(bertBaseCased, { batchSize: 1, seqLen: 8, trainableParameters: 0, training: false }).parameterBytes / 4 + pooler).toBe(108_310_272);
  });

  test.each([
    { what: 'bert-base at batch 16 x 128 fits 8 GiB', spec: bertBaseCased, B: 16, T: 128, memory: 8 * GIB, binding: 2 * GIB, problem: null },
    { what: 'XLM-R base embeddings exceed a 128 MiB binding', spec: xlmrBase, B: 8, T: 128, memory: 8 * GIB, binding: 128 * 2 ** 20, problem: /word embeddings \[250002, 768\] take 733 MiB, more than this GPU allows in one buffer \(128 MiB\)/ },
    { what: 'bert-base at batch 64 x 512 exceeds 8 GiB', spec: bertBaseCased, B: 64, T: 512, memory: 8 * GIB, binding: 4 * GIB, problem: /Training needs about .* GiB .*more than the 8\.0 GiB available/ },
  ])('$what', ({ spec, B, T, memory, binding, problem }) => {
    const trainable = estimateEncoderMemory(spec, { batchSize: 1, seqLen: 1, trainableParameters: 0, training: false }).parameterBytes / 4;
    const estimate = estimateEncoderMemory(spec, { batchSize: B, seqLen: T, trainableParameters: trainable, training: true });
    const message = memoryProblem(estimate, { maxStorageBufferBindingSize: binding, maxBufferSize: binding, memoryBytes: memory });
    if (problem === null) expect(message).toBeNull();
    else expect(message).toMatch(problem);
  });
});
