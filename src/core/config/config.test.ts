import { describe, expect, it } from 'vitest';
import { completeConfig, DEFAULT_CONFIG, validateConfig, type RunConfig } from './config';

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
    [{ loss: 'poisson' as RunConfig['loss'] }, /^loss: 'poisson' is not one of crf, cross_entropy, label_smoothing, .*, compound$/],
    [{ loss: 'focal', lossParams: { gamma: -1 } }, /^lossParams\.gamma: must be ≥ 0, got -1$/],
  ])('%o is refused naming the key', (patch, message) => {
    const problems = validateConfig({ ...DEFAULT_CONFIG, ...patch });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});

describe('validateConfig: training-engine fields', () => {
  it.each<[Partial<RunConfig>, string]>([
    [{ optimizer: 'lion' as RunConfig['optimizer'] }, "optimizer: 'lion' is not one of adam, adamw, sgd"],
    [{ schedule: 'step' as RunConfig['schedule'] }, "schedule: 'step' is not one of constant, linear, cosine, inverse_time"],
    [{ gradAccumulation: 0 }, 'gradAccumulation: 0 is outside 1..1024'],
    [{ warmupSteps: 1.5 }, 'warmupSteps: 1.5 must be a whole number'],
    [{ clipNorm: -1 }, 'clipNorm: -1 is outside 0..1000000'],
    [{ momentum: 1 }, 'momentum: 1 is outside 0..0.999'],
    [{ patience: -1 }, 'patience: -1 is outside 0..1000000'],
    [{ lstmLayers: 3 }, 'lstmLayers: 3 is outside 1..2'],
    [{ positional: 'rotary' as RunConfig['positional'] }, "positional: 'rotary' is not one of sinusoidal, learned"],
    [{ encoder: 'transformer', modelDim: 100, heads: 3 }, 'heads: modelDim 100 is not a multiple of heads 3; each head gets modelDim / heads dimensions'],
    [{ constrainTransitions: 'yes' as unknown as boolean }, 'constrainTransitions: must be true or false'],
  ])('%o -> %s', (patch, message) => {
    expect(validateConfig({ ...DEFAULT_CONFIG, ...patch })).toEqual([message]);
  });
});

describe('completeConfig', () => {
  it('fills fields a config saved earlier lacks, and drops unknown ones', () => {
    const old = { ...DEFAULT_CONFIG, epochs: 9 } as Partial<RunConfig> & { colour?: string };
    delete old.optimizer;
    old.colour = 'red';
    expect(completeConfig(old)).toEqual({ ...DEFAULT_CONFIG, epochs: 9 });
  });
});
