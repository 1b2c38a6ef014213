import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from './config';
import { applyPreset, matchingPreset, PRESET_NAMES } from './presets';

describe('presets', () => {
  it.each(PRESET_NAMES)('%s is a valid config, and the form matches it once applied', (name) => {
    const config = applyPreset(DEFAULT_CONFIG, name);
    expect(validateConfig(config)).toEqual([]);
    expect(matchingPreset(config)).toBe(name);
  });

  it('bilstm-small is the defaults', () => {
    expect(applyPreset(DEFAULT_CONFIG, 'bilstm-small')).toEqual(DEFAULT_CONFIG);
    expect(matchingPreset(DEFAULT_CONFIG)).toBe('bilstm-small');
  });

  it('a changed field no longer matches', () => {
    expect(matchingPreset({ ...applyPreset(DEFAULT_CONFIG, 'transformer-small'), heads: 8 })).toBeNull();
  });
});

describe('preset switching', () => {
  it('a plain preset turns the from-scratch recipe options off again', () => {
    const scratch = applyPreset(DEFAULT_CONFIG, 'bilstm-scratch');
    expect(scratch).toMatchObject({ singletonUnk: 0.5, casingDim: 8, averageCheckpoints: 3, schedule: 'inverse_time' });
    expect(applyPreset(scratch, 'bilstm-base')).toEqual(applyPreset(DEFAULT_CONFIG, 'bilstm-base'));
    expect(applyPreset(scratch, 'transformer-small')).toMatchObject({ singletonUnk: 0, casingDim: 0, averageCheckpoints: 0, charEncoder: 'cnn', schedule: 'linear' });
  });
});
