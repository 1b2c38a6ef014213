import { describe, expect, it } from 'vitest';
import { useBackend } from '../../../testing/tfjs';
import { readHfCheckpoint } from './checkpoint';
import { HfEncoder, type EncoderTraining } from './encoder';
import { TINY_BACKBONES, TINY_CHECKPOINTS, tinyCheckpointFiles } from '../../../testing/hfFixtures';
import { encoderParameterCounts, headParameterCount } from './parameterCount';

describe('encoderParameterCounts', () => {
  const trainings: EncoderTraining[] = [
    { mode: 'full' },
    { mode: 'frozen' },
    { mode: 'top', layers: 1 },
    { mode: 'lora', rank: 4, alpha: 8 },
    { mode: 'lora', rank: 2, alpha: 8, targets: ['query', 'key', 'value', 'attentionOutput', 'mlp'] },
  ];
  it.each([...TINY_CHECKPOINTS, ...TINY_BACKBONES])('%s: the counts of the built encoder, for every fine-tuning option', async (name) => {
    await useBackend('cpu');
    const checkpoint = readHfCheckpoint(tinyCheckpointFiles(name));
    for (const training of trainings) {
      const encoder = new HfEncoder(checkpoint, { training });
      expect(encoderParameterCounts(checkpoint.spec, training), `${name} ${training.mode}`).toEqual(encoder.parameterCounts());
      encoder.dispose();
    }
  });

  it('counts the head: emissions [H, K] + [K], CRF [K, K] + 2 [K]', () => {
    expect(headParameterCount(16, 5, false)).toBe(16 * 5 + 5);
    expect(headParameterCount(16, 5, true)).toBe(16 * 5 + 5 + 25 + 10);
  });
});
