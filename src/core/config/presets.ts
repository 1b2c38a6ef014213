/**
 * @file Named starting points for a run, one or two per encoder, sized to train on a laptop's CPU (wasm) or
 * integrated GPU in minutes on a CoNLL-sized corpus. The studio's "Preset" box lists them and a run file names one as
 * `model.preset`; keys written next to it in the file win over the preset. A preset sets the model's shape and the
 * training settings that shape needs (a transformer trained from scratch wants a small learning rate and a warm-up);
 * everything else keeps its value.
 */
import type { RunConfig } from './config';

export interface Preset {
  /** One line for the studio's preset box. */
  description: string;
  config: Partial<RunConfig>;
}

/** The from-scratch recipe's options, off: every preset but bilstm-scratch sets these, so switching presets resets them. */
const PLAIN = { charEncoder: 'cnn', casingDim: 0, singletonUnk: 0, averageCheckpoints: 0 } as const;

export const PRESETS = {
  /** Today's defaults (DEFAULT_CONFIG): a quick BiLSTM-CNN-CRF. */
  'bilstm-small': {
    description: 'BiLSTM-CNN-CRF, 1 layer of 64 units per direction: fast, a good first run',
    config: { encoder: 'bilstm', wordDim: 50, charDim: 25, charFilters: 25, hidden: 64, lstmLayers: 1, dropout: 0.3, learningRate: 0.01, optimizer: 'adam', schedule: 'constant', warmupSteps: 0, ...PLAIN },
  },
  /** Close to Ma & Hovy (2016) / Lample et al. (2016), with a second layer; for 100-dimensional GloVe. */
  'bilstm-base': {
    description: 'BiLSTM-CNN-CRF, 2 layers of 128 units per direction, 100-d words (fits GloVe 100d)',
    config: { encoder: 'bilstm', wordDim: 100, charDim: 30, charFilters: 50, hidden: 128, lstmLayers: 2, dropout: 0.5, learningRate: 0.005, optimizer: 'adam', schedule: 'constant', warmupSteps: 0, ...PLAIN },
  },
  /**
   * bilstm-base's shape with what the literature finds helps a tagger without pretrained vectors: words seen once
   * in training become the unknown word half the time (Lample et al. 2016), a casing feature beside the lower-cased
   * words (Reimers & Gurevych 2017), the learning rate decayed per epoch (Ma & Hovy 2016) and the mean of the last
   * three evaluations' weights kept. studies/presets.yaml scores it on CoNLL-2003 next to the others.
   */
  'bilstm-scratch': {
    description: 'bilstm-base for training without pretrained vectors: singletons to UNK, a casing feature, lr decay, checkpoint averaging',
    config: {
      encoder: 'bilstm',
      wordDim: 100,
      charDim: 30,
      charEncoder: 'cnn',
      charFilters: 50,
      casingDim: 8,
      hidden: 128,
      lstmLayers: 2,
      dropout: 0.5,
      learningRate: 0.005,
      optimizer: 'adam',
      schedule: 'inverse_time',
      lrDecay: 0.05,
      warmupSteps: 0,
      singletonUnk: 0.5,
      averageCheckpoints: 3,
    },
  },
  'transformer-small': {
    description: 'Transformer from scratch, 2 blocks of width 128 with 4 heads: about 0.3 M parameters besides the word embeddings',
    config: {
      encoder: 'transformer',
      wordDim: 64,
      charDim: 25,
      charFilters: 32,
      transformerLayers: 2,
      heads: 4,
      modelDim: 128,
      ffnDim: 256,
      positional: 'sinusoidal',
      dropout: 0.1,
      learningRate: 0.001,
      optimizer: 'adamw',
      weightDecay: 0.01,
      schedule: 'linear',
      warmupSteps: 200,
      ...PLAIN,
    },
  },
  'transformer-base': {
    description: 'Transformer from scratch, 4 blocks of width 256 with 8 heads: about 3 M parameters besides the word embeddings; for larger corpora',
    config: {
      encoder: 'transformer',
      wordDim: 100,
      charDim: 30,
      charFilters: 50,
      transformerLayers: 4,
      heads: 8,
      modelDim: 256,
      ffnDim: 1024,
      positional: 'sinusoidal',
      dropout: 0.1,
      learningRate: 0.0005,
      optimizer: 'adamw',
      weightDecay: 0.01,
      schedule: 'linear',
      warmupSteps: 400,
      ...PLAIN,
    },
  },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export const isPresetName = (name: string): name is PresetName => Object.hasOwn(PRESETS, name);

/** `config` with the preset's fields set. */
export function applyPreset(config: RunConfig, name: PresetName): RunConfig {
  return { ...config, ...(PRESETS[name].config as Partial<RunConfig>) };
}

/** The first preset whose every field equals the config's, for showing which one a form still matches; else null. */
export function matchingPreset(config: RunConfig): PresetName | null {
  for (const name of PRESET_NAMES) {
    const fields = PRESETS[name].config as Partial<RunConfig>;
    if ((Object.keys(fields) as (keyof RunConfig)[]).every((k) => fields[k] === config[k])) return name;
  }
  return null;
}
