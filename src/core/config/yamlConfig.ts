/**
 * @file A run as a YAML file, in the seed pipeline's shape: the one description of a run that the
 * studio imports and exports and the command line takes. Pure: text in, RunConfig out, and back.
 *
 * | key                                  | RunConfig field  | default  | meaning                                                         |
 * |--------------------------------------|------------------|----------|-----------------------------------------------------------------|
 * | model.preset                         | -                | -        | a named preset (core/presets.ts); keys given beside it win       |
 * | model.encoder                        | encoder          | bilstm   | bilstm, transformer, pretrained (a Hugging Face encoder)        |
 * | model.base_model                     | baseModel        | ''       | pretrained: Hugging Face model id or local checkpoint folder    |
 * | model.label_alignment, aggregation,  | labelAlignment.. |          | pretrained: first/all pieces labelled; first/average/max at     |
 * |   max_length, stride, finetune,      |   loraRank,      |          |   prediction; window tokens and overlap; full/frozen/top/lora;  |
 * |   top_layers, lora.rank, lora.alpha, |   loraAlpha,     |          |   (README's Configuration has each default)                     |
 * |   lora.mlp, decoder_context,         |   loraMlp, decoderContext, | | adapters on the MLP too; decoders: causal, bidirectional, sentence+reverse; |
 * |   frozen_weights                     |   frozenWeights  | auto     |   frozen dense weights in float16 (auto: on WebGPU)             |
 * | model.num_labels                     | -                | -        | optional; the CLI checks it against the labels in data.train    |
 * | model.crf                            | crf              | true     | CRF layer: Viterbi decoding, and its likelihood for loss crf    |
 * | model.loss.type                      | loss             | crf      | a key of core/lossSpecs.ts (crf, cross_entropy, focal, dice...) |
 * | model.loss.params                    | lossParams       | {}       | the loss's parameters (lossSpecs.ts); a wrong one is an error   |
 * | model.word_dim                       | wordDim          | 50       | word embedding size                                             |
 * | model.char_dim                       | charDim          | 25       | character embedding size                                        |
 * | model.char_filters                   | charFilters      | 25       | char CNN filters                                                |
 * | model.word_vectors                   | wordVectors      | ''       | GloVe / word2vec text file the word embeddings start from       |
 * | model.hidden                         | hidden           | 64       | bilstm: LSTM units per direction                                |
 * | model.lstm_layers                    | lstmLayers       | 1        | bilstm: stacked BiLSTM layers, 1 or 2                           |
 * | model.transformer_layers             | transformerLayers| 2        | transformer: encoder blocks                                     |
 * | model.heads                          | heads            | 4        | transformer: attention heads (model_dim must be a multiple)     |
 * | model.model_dim                      | modelDim         | 128      | transformer: width of every block                               |
 * | model.ffn_dim                        | ffnDim           | 256      | transformer: feed-forward inner size                            |
 * | model.positional                     | positional       | sinusoidal | transformer: sinusoidal or learned positions                  |
 * | model.max_positions                  | maxPositions     | 512      | transformer, learned positions: positions with their own vector |
 * | model.dropout                        | dropout          | 0.3      | dropout rate                                                    |
 * | model.constrain_transitions          | constrainTransitions | true | CRF: forbid transitions the tag scheme forbids (O -> I-X ...)  |
 * | training.lr                          | learningRate     | 0.01     | peak learning rate                                              |
 * | training.epochs                      | epochs           | 5        | passes over data.train                                          |
 * | training.batch_size                  | batchSize        | 16       | sentences per micro-batch                                       |
 * | training.max_steps                   | maxSteps         | 0        | stop after this many optimiser steps; 0: no limit               |
 * | training.seed                        | seed             | 42       | init, dropout and batch order                                   |
 * | training.gpus                        | -                | -        | from the seed; one device is used, more than 1 gives a warning  |
 * | training.backend                     | backend          | auto     | auto, webgpu, wasm, cpu                                         |
 * | training.optimizer                   | optimizer        | adam     | adam, adamw, sgd (with momentum)                                |
 * | training.weight_decay                | weightDecay      | 0.01     | adamw's decoupled weight decay                                  |
 * | training.momentum                    | momentum         | 0.9      | sgd's momentum                                                  |
 * | training.schedule                    | schedule         | constant | constant, linear, cosine (each after the warm-up)               |
 * | training.warmup_steps                | warmupSteps      | 0        | linear warm-up steps                                            |
 * | training.max_grad_norm               | clipNorm         | 5        | clip the gradients' global norm; 0: off                         |
 * | training.gradient_accumulation_steps | gradAccumulation | 1        | micro-batches per optimiser step                                |
 * | training.eval_steps                  | evalEvery        | 0        | evaluate on data.dev every N steps; 0: every epoch              |
 * | training.early_stopping_patience     | patience         | 0        | stop after N evaluations without a better dev F1; 0: off        |
 * | training.save_steps                  | stateEvery       | 0        | resumable state every N steps (and at each evaluation)          |
 * | training.log_dir                     | -                | -        | where the CSV log goes                                          |
 * | training.checkpoint_dir              | -                | -        | where checkpoints go                                            |
 * | data.train, data.dev, data.test      | -                | -        | CoNLL file paths, as written                                    |
 * | data.scheme                          | -                | -        | IOB1, IOB2, IOBES or BILOU; detected when absent                |
 *
 * An unknown key is a warning naming its path; a wrong value is an Error naming the file and path.
 */
import { isMap, LineCounter, parseDocument, stringify } from 'yaml';
import { DEFAULT_CONFIG, ENCODER_NAMES, LOSS_NAMES, validateConfig, type RunConfig } from './config';
import { applyPreset, isPresetName, PRESET_NAMES, type PresetName } from './presets';
import type { TagScheme } from '../tags/tags';

export const TAG_SCHEMES = ['IOB1', 'IOB2', 'IOBES', 'BILOU'] as const satisfies readonly TagScheme[];

export interface RunYamlData {
  train?: string;
  dev?: string;
  test?: string;
  scheme?: TagScheme;
  /** Training sentences longer than this many tokens are split (core/dataset/longSentences.ts); 0 never splits. */
  maxSentenceLength?: number;
  /** Repair tags whose meaning is clear (b-per -> B-PER) instead of skipping their sentences (core/tags/tagForm.ts). */
  fixTags?: boolean;
}

export interface RunYamlPaths {
  logDir?: string;
  checkpointDir?: string;
}

/** Keys kept for the seed's shape that RunConfig has no field for. */
export interface RunYamlModel {
  /** The preset the file started from; the config already has it applied. */
  preset?: PresetName;
  numLabels?: number;
}

export interface RunYaml {
  config: RunConfig;
  data: RunYamlData;
  paths: RunYamlPaths;
  model: RunYamlModel;
  warnings: string[];
}

type Extra = 'string' | 'count' | 'boolean' | 'mapping' | 'scheme' | 'preset';
/** A leaf is a RunConfig field, or one of the extras (read into data, paths or model). */
type Leaf = { field: keyof RunConfig } | { extra: Extra; into: string };
type Schema = { [key: string]: Leaf | Schema };

const SCHEMA: Schema = {
  model: {
    preset: { extra: 'preset', into: 'model.preset' },
    encoder: { field: 'encoder' },
    base_model: { field: 'baseModel' },
    label_alignment: { field: 'labelAlignment' },
    aggregation: { field: 'aggregation' },
    max_length: { field: 'maxLength' },
    stride: { field: 'stride' },
    finetune: { field: 'finetune' },
    top_layers: { field: 'topLayers' },
    lora: { rank: { field: 'loraRank' }, alpha: { field: 'loraAlpha' }, mlp: { field: 'loraMlp' } },
    decoder_context: { field: 'decoderContext' },
    frozen_weights: { field: 'frozenWeights' },
    num_labels: { extra: 'count', into: 'model.numLabels' },
    crf: { field: 'crf' },
    loss: { type: { field: 'loss' }, params: { field: 'lossParams' } },
    word_dim: { field: 'wordDim' },
    char_dim: { field: 'charDim' },
    char_filters: { field: 'charFilters' },
    word_vectors: { field: 'wordVectors' },
    hidden: { field: 'hidden' },
    lstm_layers: { field: 'lstmLayers' },
    transformer_layers: { field: 'transformerLayers' },
    heads: { field: 'heads' },
    model_dim: { field: 'modelDim' },
    ffn_dim: { field: 'ffnDim' },
    positional: { field: 'positional' },
    max_positions: { field: 'maxPositions' },
    dropout: { field: 'dropout' },
    constrain_transitions: { field: 'constrainTransitions' },
  },
  training: {
    lr: { field: 'learningRate' },
    epochs: { field: 'epochs' },
    batch_size: { field: 'batchSize' },
    max_steps: { field: 'maxSteps' },
    seed: { field: 'seed' },
    gpus: { extra: 'count', into: 'gpus' },
    backend: { field: 'backend' },
    optimizer: { field: 'optimizer' },
    weight_decay: { field: 'weightDecay' },
    momentum: { field: 'momentum' },
    schedule: { field: 'schedule' },
    warmup_steps: { field: 'warmupSteps' },
    max_grad_norm: { field: 'clipNorm' },
    gradient_accumulation_steps: { field: 'gradAccumulation' },
    eval_steps: { field: 'evalEvery' },
    early_stopping_patience: { field: 'patience' },
    save_steps: { field: 'stateEvery' },
    log_dir: { extra: 'string', into: 'paths.logDir' },
    checkpoint_dir: { extra: 'string', into: 'paths.checkpointDir' },
  },
  data: {
    train: { extra: 'string', into: 'data.train' },
    dev: { extra: 'string', into: 'data.dev' },
    test: { extra: 'string', into: 'data.test' },
    scheme: { extra: 'scheme', into: 'data.scheme' },
    max_sentence_length: { extra: 'count', into: 'data.maxSentenceLength' },
    fix_tags: { extra: 'boolean', into: 'data.fixTags' },
  },
};

const isLeaf = (x: Leaf | Schema): x is Leaf => 'field' in x || 'extra' in x;

function leaves(schema: Schema, prefix = ''): [string, Leaf][] {
  return Object.entries(schema).flatMap(([k, v]) => (isLeaf(v) ? [[prefix + k, v] as [string, Leaf]] : leaves(v, `${prefix}${k}.`)));
}

/** RunConfig field -> its YAML path, e.g. learningRate -> training.lr. */
export const YAML_PATH_OF = Object.fromEntries(
  leaves(SCHEMA).flatMap(([path, leaf]) => ('field' in leaf ? [[leaf.field, path]] : [])),
) as Record<keyof RunConfig, string>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value as messages show it: YAML's own words for NaN and infinities, which JSON would show as null. */
const show = (v: unknown): string => {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan (not a number)' : `${v > 0 ? '' : '-'}.inf (infinity)`;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Reads one value against the leaf's type; returns it, or a problem in words. */
function readValue(leaf: Leaf, value: unknown): { value: unknown } | { problem: string } {
  const kind = 'field' in leaf ? (leaf.field === 'lossParams' ? 'mapping' : typeof DEFAULT_CONFIG[leaf.field]) : leaf.extra;
  if ('field' in leaf && leaf.field === 'encoder' && typeof value === 'string' && !(ENCODER_NAMES as readonly string[]).includes(value)) {
    return { problem: `${show(value)} is not an encoder (encoders: ${ENCODER_NAMES.join(', ')})` };
  }
  if ('field' in leaf && leaf.field === 'loss' && typeof value === 'string' && !(LOSS_NAMES as readonly string[]).includes(value)) {
    return { problem: `${show(value)} is not a loss (losses: ${LOSS_NAMES.join(', ')})` };
  }
  switch (kind) {
    case 'number':
    case 'count': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { problem: `must be a number, got ${show(value)}` };
      if (kind === 'count' && !(Number.isInteger(n) && n >= 0)) return { problem: `must be a whole number >= 0, got ${show(value)}` };
      return { value: n };
    }
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { problem: `must be true or false, got ${show(value)}` };
    case 'mapping':
      return isObject(value) ? { value } : { problem: `must be a mapping (key: value lines), got ${show(value)}` };
    case 'preset':
      return typeof value === 'string' && isPresetName(value) ? { value } : { problem: `${show(value)} is not a preset (presets: ${PRESET_NAMES.join(', ')})` };
    case 'scheme':
      return (TAG_SCHEMES as readonly unknown[]).includes(value) ? { value } : { problem: `${show(value)} is not one of ${TAG_SCHEMES.join(', ')}` };
    default: // string, and RunConfig's string fields (validateConfig checks their choices)
      return typeof value === 'string' ? { value } : { problem: `must be text, got ${show(value)}` };
  }
}

/**
 * The YAML path of a key in validateConfig's messages: a RunConfig field ('learningRate' ->
 * 'training.lr'), or a path inside the loss's parameters ('lossParams.terms[0].params.gamma' ->
 * 'model.loss.params.terms[0].params.gamma').
 */
function yamlPathOfKey(key: string): string {
  if (key === 'lossParams' || key.startsWith('lossParams.') || key.startsWith('lossParams[')) return YAML_PATH_OF.lossParams + key.slice('lossParams'.length);
  return YAML_PATH_OF[key as keyof RunConfig] ?? key;
}

/** 'a.terms[1].b' -> ['a', 'terms', 1, 'b'], for doc.getIn. */
function yamlKeys(path: string): (string | number)[] {
  return path.split('.').flatMap((segment) => {
    const [name, ...indices] = segment.split('[');
    return [...(name ? [name] : []), ...indices.map((i) => Number(i.slice(0, -1)))];
  });
}

/** Sets `path` (a.b.c) in a plain object tree, creating mappings on the way. */
function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root;
  for (const k of keys.slice(0, -1)) {
    if (!isObject(node[k])) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** A --set that is not key=value, or whose value is wrong: a bad command line (the CLI exits 2), not a bad file. */
export class OverrideError extends Error {}

/**
 * Parses a run file. `overrides` are `path=value` strings (the CLI's --set), applied on top of the
 * file, each value read as YAML. Throws an Error naming `file` and the key path of every wrong value.
 */
export function parseRunYaml(text: string, file: string, overrides: string[] = []): RunYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => `${file}:${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`).join('\n'));
  let root: unknown;
  try {
    root = doc.toJS() ?? {};
  } catch (e) {
    // The yaml package refuses aliases that would expand without bound ("billion laughs"), without naming the file.
    throw new Error(`${file}: ${(e as Error).message}: its aliases (*name) expand to too many values; write the values out instead`);
  }
  if (!isObject(root) || (doc.contents && !isMap(doc.contents))) throw new Error(`${file}: the top level must be a mapping (model:, training:, data:)`);
  const overridden = new Set<string>();
  for (const o of overrides) {
    const eq = o.indexOf('=');
    const path = o.slice(0, eq).trim();
    if (eq <= 0 || path === '') throw new OverrideError(`--set ${o}: expected key=value, e.g. training.lr=0.001`);
    const value = parseDocument(o.slice(eq + 1));
    if (value.errors.length > 0) throw new OverrideError(`--set ${o}: the value is not valid YAML (${value.errors[0].message.split('\n')[0]})`);
    setPath(root, path, value.toJS());
    overridden.add(path);
  }
  /** Where a value came from, for messages: file:line, or the --set that gave it. */
  const where = (path: string) => {
    if (overridden.has(path)) return `${file} (--set)`;
    const node = doc.getIn(yamlKeys(path), true) as { range?: [number, number, number] } | undefined;
    return node?.range ? `${file}:${lineCounter.linePos(node.range[0]).line}` : file;
  };
  const problems: string[] = [];
  const warnings: string[] = [];
  // The preset first, so that every key written beside it wins whatever the order in the file.
  const preset = isObject(root.model) ? root.model.preset : undefined;
  const config: RunConfig = typeof preset === 'string' && isPresetName(preset) ? applyPreset(DEFAULT_CONFIG, preset) : { ...DEFAULT_CONFIG };
  const found: Record<string, unknown> = {};
  const allPaths = leaves(SCHEMA).map(([p]) => p);

  const walk = (node: Record<string, unknown>, schema: Schema, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix + key;
      const spec = schema[key];
      if (!spec) {
        const near = allPaths.find((p) => editDistance(p, path) <= 2);
        warnings.push(`${path}: unknown key${near ? ` (did you mean ${near}?)` : ''}`);
      } else if (value === null || value === undefined) {
        continue; // `key:` or `key: null` leaves the default
      } else if (!isLeaf(spec)) {
        if (isObject(value)) walk(value, spec, `${path}.`);
        else problems.push(`${where(path)}: ${path}: must be a mapping, got ${show(value)}`);
      } else {
        const read = readValue(spec, value);
        if ('problem' in read) problems.push(`${where(path)}: ${path}: ${read.problem}`);
        else if ('field' in spec) (config as Record<keyof RunConfig, unknown>)[spec.field] = read.value;
        else found[spec.into] = read.value;
      }
    }
  };
  walk(root, SCHEMA, '');
  if (problems.length === 0) {
    for (const p of validateConfig(config)) {
      const key = p.slice(0, p.indexOf(':'));
      const path = yamlPathOfKey(key);
      problems.push(`${where(path)}: ${path}${p.slice(key.length)}`);
    }
  }
  if (problems.length > 0) {
    // Wrong values that all came from --set are a bad command line, not a bad file.
    const fromSet = problems.every((p) => p.startsWith(`${file} (--set): `));
    throw fromSet ? new OverrideError(problems.map((p) => `--set ${p.slice(`${file} (--set): `.length)}`).join('\n')) : new Error(problems.join('\n'));
  }

  const gpus = found.gpus as number | undefined;
  if (gpus !== undefined && gpus > 1) warnings.push(`training.gpus: ${gpus} asked for; a run uses one device (training.backend)`);
  if (config.baseModel && config.encoder !== 'pretrained') warnings.push(`model.base_model: '${config.baseModel}' is not used by model.encoder ${config.encoder} (only by pretrained)`);

  const pick = <T extends object>(prefix: string): T =>
    Object.fromEntries(Object.entries(found).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : []))) as T;
  return { config, data: pick<RunYamlData>('data.'), paths: pick<RunYamlPaths>('paths.'), model: pick<RunYamlModel>('model.'), warnings };
}

/** A run file for `config` (every field, defaults included) that parseRunYaml reads back to the same run. */
export function toRunYaml(config: RunConfig, data: RunYamlData = {}, extra: { paths?: RunYamlPaths; model?: RunYamlModel } = {}): string {
  const tree: Record<string, unknown> = {};
  for (const [path, leaf] of leaves(SCHEMA)) {
    if ('field' in leaf) setPath(tree, path, config[leaf.field]);
    else {
      const [group, key] = leaf.into.split('.');
      const groups: Record<string, Record<string, unknown> | undefined> = { data: { ...data }, paths: { ...extra.paths }, model: { ...extra.model } };
      const source = groups[group] ?? {};
      if (source[key] !== undefined) setPath(tree, path, source[key]);
    }
  }
  return `# NER studio run configuration; every key is described in README.md, "Configuration".\n${stringify(tree)}`;
}
