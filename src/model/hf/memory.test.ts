import { describe, expect, test } from 'vitest';
import { expectNoLeaks, useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint } from './checkpoint';
import { parseEncoderConfig } from './config';
import { HfEncoder } from './encoder';
import { tinyCheckpointFiles } from '../../../testing/hfFixtures';
import { estimateEncoderMemory, memoryProblem } from './memory';

const base = { hidden_size: 768, num_hidden_layers: 12, num_attention_heads: 12, intermediate_size: 3072, max_position_embeddings: 512, type_vocab_size: 2 };
const bertBaseCased = parseEncoderConfig({ model_type: 'bert', vocab_size: 28996, ...base });
const xlmrBase = parseEncoderConfig({ model_type: 'xlm-roberta', vocab_size: 250002, ...base, max_position_embeddings: 514, type_vocab_size: 1, pad_token_id: 1 });
const GIB = 2 ** 30;

describe('estimateEncoderMemory', () => {
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
