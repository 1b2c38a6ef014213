import { describe, expect, it } from 'vitest';
import { encoderParams } from '../model/hf/paramNames';
import { tinyCheckpointFiles } from '../../testing/hfFixtures';
import { BENCH_ENCODERS, randomPretrainedBase } from './benchPretrained';

describe('randomPretrainedBase', () => {
  it('gives every weight of the named BERT size, and reads words with the given tokenizer', () => {
    const tokenizer = new Map([...tinyCheckpointFiles('tiny-bert')].filter(([name]) => name.startsWith('tokenizer')));
    const base = randomPretrainedBase('bert-mini', tokenizer);
    expect(base.spec).toMatchObject({ numLayers: BENCH_ENCODERS['bert-mini'].num_hidden_layers, hiddenSize: 256, intermediateSize: 1024 });
    const params = encoderParams(base.spec);
    expect([...base.encoderWeights!.keys()].sort()).toEqual(params.map((p) => p.name).sort());
    for (const p of params) expect(base.encoderWeights!.get(p.name)!.data.length).toBe(p.hfShape.reduce((a, b) => a * b, 1));
    expect(base.tokenizer.encodeWord('Oslo').length).toBeGreaterThan(0);
  });
});
