import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { applyPreset } from './presets';
import { OverrideError, parseRunYaml, toRunYaml, YAML_PATH_OF } from './yamlConfig';

/** The seed pipeline's config.yaml, with this project's keys. */
const SEED = `
model:
  encoder: bilstm
  base_model: null
  num_labels: 9
  crf: true
  loss:
    type: crf
    params: {}
  dropout: 0.5
training:
  lr: 1e-3
  epochs: 10
  batch_size: 32
  gpus: 1
  seed: 7
  optimizer: adamw
  schedule: cosine
  warmup_steps: 100
  log_dir: runs/logs
  checkpoint_dir: runs/ckpt
data:
  train: data/train.conll
  dev: data/dev.conll
  test: data/test.conll
  scheme: IOB2
`;

describe('parseRunYaml', () => {
  it('reads the seed shape and this project keys', () => {
    const r = parseRunYaml(SEED, 'config.yaml');
    expect(r.warnings).toEqual([]);
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, dropout: 0.5, learningRate: 1e-3, epochs: 10, batchSize: 32, seed: 7, optimizer: 'adamw', schedule: 'cosine', warmupSteps: 100 });
    expect(r.data).toEqual({ train: 'data/train.conll', dev: 'data/dev.conll', test: 'data/test.conll', scheme: 'IOB2' });
    expect(r.paths).toEqual({ logDir: 'runs/logs', checkpointDir: 'runs/ckpt' });
    expect(r.model).toEqual({ numLabels: 9 });
  });

  it('an empty file is the defaults', () => {
    expect(parseRunYaml('', 'empty.yaml')).toEqual({ config: DEFAULT_CONFIG, data: {}, paths: {}, model: {}, warnings: [] });
  });

  it.each([
    ['model:\n  dropuot: 0.1\n', ['model.dropuot: unknown key (did you mean model.dropout?)']],
    ['trainer:\n  lr: 0.1\n', ['trainer: unknown key']],
    ['training:\n  gpus: 4\n', ['training.gpus: 4 asked for; a run uses one device (training.backend)']],
    ['model:\n  base_model: bert-base-cased\n', ["model.base_model: 'bert-base-cased' is not used by model.encoder bilstm (only by pretrained)"]],
  ])('%j warns %j', (text, warnings) => {
    expect(parseRunYaml(text, 'run.yaml').warnings).toEqual(warnings);
  });

  it.each([
    ['model:\n  encoder: pretrained\n', 'run.yaml: model.base_model: the pretrained encoder needs a base model'],
    ['model:\n  encoder: pretrained\n  base_model: bert-base-cased\n  max_length: 16\n  stride: 14\n', 'run.yaml:5: model.stride: 14 must be below maxLength minus the 2 special tokens (14)'],
    ['model:\n  encoder: pretrained\n  base_model: x\n  finetune: adapters\n', "run.yaml:4: model.finetune: 'adapters' is not one of full, frozen, top, lora"],
    ['model:\n  lora:\n    rank: 0\n', 'run.yaml:3: model.lora.rank: 0 is outside 1..1024'],
    ['model:\n  lora:\n    mlp: yes please\n', "run.yaml:3: model.lora.mlp: must be true or false, got 'yes please'"],
    ['model:\n  decoder_context: both\n', "run.yaml:2: model.decoder_context: 'both' is not one of causal, bidirectional, sentence+reverse"],
    ['model:\n  frozen_weights: bfloat16\n', "run.yaml:2: model.frozen_weights: 'bfloat16' is not one of auto, float32, float16"],
    ['model:\n  encoder: gru\n', "run.yaml:2: model.encoder: 'gru' is not an encoder (encoders: bilstm, transformer, pretrained)"],
    ['model:\n  preset: huge\n', "run.yaml:2: model.preset: 'huge' is not a preset (presets: bilstm-small, bilstm-base, transformer-small, transformer-base)"],
    ['model:\n  positional: rotary\n', "run.yaml:2: model.positional: 'rotary' is not one of sinusoidal, learned"],
    ['model:\n  lstm_layers: 3\n', 'run.yaml:2: model.lstm_layers: 3 is outside 1..2'],
    ['model:\n  encoder: transformer\n  model_dim: 100\n  heads: 3\n', 'run.yaml:4: model.heads: modelDim 100 is not a multiple of heads 3'],
    ['model:\n  constrain_transitions: maybe\n', "run.yaml:2: model.constrain_transitions: must be true or false, got 'maybe'"],
    ['model:\n  word_vectors: 3\n', 'run.yaml:2: model.word_vectors: must be text, got 3'],
    ['model:\n  loss:\n    type: poisson\n', "run.yaml:3: model.loss.type: 'poisson' is not a loss (losses: crf, cross_entropy, label_smoothing, embedding_label_smoothing, focal, dice, boundary, contrastive, multitask, compound)"],
    ['model:\n  loss:\n    type: focal\n    params:\n      gamma: -1\n', 'run.yaml:5: model.loss.params.gamma: must be ≥ 0, got -1'],
    ['model:\n  loss:\n    type: crf\n    params:\n      gamma: 2\n', "run.yaml:5: model.loss.params.gamma: crf has no parameter 'gamma' (it takes none)"],
    ['model:\n  loss:\n    type: focal\n    params: 3\n', 'run.yaml:4: model.loss.params: must be a mapping (key: value lines), got 3'],
    [
      'model:\n  loss:\n    type: compound\n    params:\n      terms:\n        - type: crf\n        - type: dice\n          params: {smooth: 0}\n',
      'run.yaml:8: model.loss.params.terms[1].params.smooth: must be > 0, got 0',
    ],
    ['model:\n  crf: false\n  loss:\n    type: contrastive\n', "run.yaml:4: model.loss.type: 'contrastive' cannot be the only loss"],
    [
      'model:\n  loss:\n    type: compound\n    params: &p\n      terms:\n        - type: crf\n        - type: compound\n          params: *p\n',
      'run.yaml:8: model.loss.params.terms[1].params: refers back to an enclosing compound (a YAML alias cycle); write the terms out',
    ],
    ['model:\n  crf: yes\n', "run.yaml:2: model.crf: must be true or false, got 'yes'"],
    ['model:\n  crf: false\n', "run.yaml: model.loss.type: 'crf' needs the CRF; turn CRF on or choose cross_entropy"],
    ['training:\n  lr: fast\n', "run.yaml:2: training.lr: must be a number, got 'fast'"],
    ['training:\n  epochs: 0\n', 'run.yaml:2: training.epochs: 0 is outside 1..1000'],
    ['training:\n  batch_size: 2.5\n', 'run.yaml:2: training.batch_size: 2.5 must be a whole number'],
    ['training:\n  optimizer: lion\n', "run.yaml:2: training.optimizer: 'lion' is not one of adam, adamw, sgd"],
    ['training:\n  schedule: step\n', "run.yaml:2: training.schedule: 'step' is not one of constant, linear, cosine"],
    ['training:\n  gpus: -1\n', 'run.yaml:2: training.gpus: must be a whole number >= 0, got -1'],
    ['data:\n  scheme: BIO\n', "run.yaml:2: data.scheme: 'BIO' is not one of IOB1, IOB2, IOBES, BILOU"],
    ['data:\n  train: [a, b]\n', 'run.yaml:2: data.train: must be text, got ["a","b"]'],
    ['model: 3\n', 'run.yaml:1: model: must be a mapping, got 3'],
    ['- a\n- b\n', 'run.yaml: the top level must be a mapping (model:, training:, data:)'],
  ])('%j fails with %j', (text, message) => {
    expect(() => parseRunYaml(text, 'run.yaml')).toThrow(message);
  });

  it('reads the encoder keys', () => {
    const text = 'model:\n  encoder: transformer\n  transformer_layers: 3\n  heads: 2\n  model_dim: 64\n  ffn_dim: 128\n  positional: learned\n  max_positions: 200\n  word_vectors: glove.6B.50d.txt\n  constrain_transitions: false\n  lstm_layers: 2\n';
    expect(parseRunYaml(text, 'run.yaml').config).toEqual({
      ...DEFAULT_CONFIG,
      encoder: 'transformer',
      transformerLayers: 3,
      heads: 2,
      modelDim: 64,
      ffnDim: 128,
      positional: 'learned',
      maxPositions: 200,
      wordVectors: 'glove.6B.50d.txt',
      constrainTransitions: false,
      lstmLayers: 2,
    });
  });

  it('reads the pretrained encoder keys and writes them back', () => {
    const text =
      'model:\n  encoder: pretrained\n  base_model: dslim/bert-base-NER\n  label_alignment: all\n  aggregation: max\n  max_length: 256\n  stride: 64\n' +
      '  finetune: lora\n  top_layers: 4\n  lora:\n    rank: 4\n    alpha: 8\n    mlp: true\n  decoder_context: sentence+reverse\n  frozen_weights: float16\n';
    const config = parseRunYaml(text, 'run.yaml').config;
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      encoder: 'pretrained',
      baseModel: 'dslim/bert-base-NER',
      labelAlignment: 'all',
      aggregation: 'max',
      maxLength: 256,
      stride: 64,
      finetune: 'lora',
      topLayers: 4,
      loraRank: 4,
      loraAlpha: 8,
      loraMlp: true,
      decoderContext: 'sentence+reverse',
      frozenWeights: 'float16',
    });
    expect(parseRunYaml(toRunYaml(config), 'again.yaml').config).toEqual(config);
  });

  it('applies model.preset first, whatever the order: keys beside it win', () => {
    const r = parseRunYaml('model:\n  heads: 8\n  preset: transformer-small\ntraining:\n  lr: 0.002\n', 'run.yaml');
    expect(r.config).toEqual({ ...applyPreset(DEFAULT_CONFIG, 'transformer-small'), heads: 8, learningRate: 0.002 });
    expect(r.model).toEqual({ preset: 'transformer-small' });
    expect(parseRunYaml('', 'run.yaml', ['model.preset=bilstm-base']).config).toEqual(applyPreset(DEFAULT_CONFIG, 'bilstm-base'));
  });

  it('names every wrong value at once, and reports YAML syntax errors with their line', () => {
    expect(() => parseRunYaml('training:\n  lr: x\n  epochs: y\n', 'a.yaml')).toThrow(/a\.yaml:2: training\.lr: .*\na\.yaml:3: training\.epochs: /);
    expect(() => parseRunYaml('model:\n  crf: [true\n', 'b.yaml')).toThrow(/^b\.yaml:\d+: /);
  });

  it('applies --set overrides on top of the file, read as YAML', () => {
    const r = parseRunYaml(SEED, 'config.yaml', ['training.lr=0.05', 'model.crf=false', 'model.loss.type=cross_entropy', 'data.dev=other.conll']);
    expect(r.config).toMatchObject({ learningRate: 0.05, crf: false, loss: 'cross_entropy' });
    expect(r.data.dev).toBe('other.conll');
  });

  // A wrong --set is a bad command line (OverrideError: the CLI exits 2); a wrong file is bad input.
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
  it.each<[string, string, string[], boolean, RegExp]>([
    ['a --set with a value of the wrong type', SEED, ['training.epochs=none'], true, /^--set training\.epochs: must be a number, got 'none'$/],
    ['a --set without =', SEED, ['training.epochs'], true, /^--set training\.epochs: expected key=value/],
    ['a --set with an empty key', SEED, ['=3'], true, /^--set =3: expected key=value/],
    ['a --set whose value is not YAML', SEED, ['training.lr=[1'], true, /^--set training\.lr=\[1: the value is not valid YAML/],
    ['.nan in the file, shown as YAML writes it', 'training:\n  lr: .nan\n', [], false, /^run\.yaml:2: training\.lr: must be a number, got \.nan \(not a number\)$/],
    ['-.inf from --set', SEED, ['training.lr=-.inf'], true, /^--set training\.lr: must be a number, got -\.inf \(infinity\)$/],
    ['an alias bomb names the file', bomb, [], false, /^run\.yaml: Excessive alias count.*: its aliases \(\*name\) expand to too many values/],
  ])('%s', (_name, text, overrides, fromSet, message) => {
    let error: unknown;
    try {
      parseRunYaml(text, 'run.yaml', overrides);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof OverrideError).toBe(fromSet);
    expect((error as Error).message).toMatch(message);
  });
});

describe('toRunYaml', () => {
  it.each<[string, Partial<RunConfig>]>([
    ['defaults', {}],
    ['loss parameters', { loss: 'compound', lossParams: { terms: [{ type: 'crf', weight: 1 }, { type: 'focal', weight: 0.5, params: { gamma: 1, alpha: { 'B-PER': 2 } } }] } }],
    ['everything changed', { loss: 'cross_entropy', crf: false, epochs: 3, batchSize: 8, learningRate: 5e-4, maxSteps: 100, seed: 1, backend: 'wasm', wordDim: 100, charDim: 30, charFilters: 30, hidden: 100, dropout: 0.5, optimizer: 'sgd', weightDecay: 0, momentum: 0.8, schedule: 'linear', warmupSteps: 10, clipNorm: 1, gradAccumulation: 4, evalEvery: 50, patience: 3, stateEvery: 25 }],
    ['the encoder fields changed', { encoder: 'transformer', transformerLayers: 3, heads: 2, modelDim: 64, ffnDim: 100, positional: 'learned', maxPositions: 64, wordVectors: 'vectors/glove.txt', constrainTransitions: false, lstmLayers: 2 }],
  ])('round-trips %s', (_, patch) => {
    const config = { ...DEFAULT_CONFIG, ...patch };
    const data = { train: 'train.conll', dev: 'dev.conll', scheme: 'IOBES' as const };
    const extra = { paths: { logDir: 'logs' }, model: { numLabels: 5, preset: 'transformer-small' as const } };
    const text = toRunYaml(config, data, extra);
    expect(parseRunYaml(text, 'out.yaml')).toEqual({ config, data, paths: extra.paths, model: extra.model, warnings: [] });
  });

  it('writes the seed pipeline names', () => {
    const text = toRunYaml(DEFAULT_CONFIG, { train: 't.conll' });
    for (const key of ['model:', '  encoder: bilstm', '  crf: true', '  loss:', '    type: crf', '    params: {}', 'training:', '  lr: 0.01', '  batch_size: 16', '  seed: 42', 'data:', '  train: t.conll']) {
      expect(text.split('\n')).toContain(key);
    }
  });

  it('every RunConfig field has a YAML key', () => {
    expect(Object.keys(YAML_PATH_OF).sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
  });
});
