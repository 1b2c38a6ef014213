import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from './config';

describe('validateConfig', () => {
  it('accepts the defaults', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([]);
  });

  it.each<[Partial<RunConfig>, RegExp]>([
    [{ epochs: 0 }, /^epochs: 0 is outside 1\.\.1000$/],
    [{ batchSize: 2.5 }, /^batchSize: 2\.5 must be a whole number$/],
    [{ learningRate: Number.NaN }, /^learningRate: must be a number$/],
    [{ dropout: 1 }, /^dropout: 1 is outside/],
    [{ loss: 'crf', crf: false }, /^loss: 'crf' needs the CRF/],
    [{ loss: 'focal' as RunConfig['loss'] }, /^loss: 'focal' is not one of crf, cross_entropy$/],
  ])('%o is refused naming the key', (patch, message) => {
    const problems = validateConfig({ ...DEFAULT_CONFIG, ...patch });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});
