/**
 * @file Reads a Hugging Face checkpoint folder (config.json, model.safetensors or its shards, the
 * tokenizer files) from bytes, whether dropped by a person or downloaded from the Hub. The
 * encoder's weights come out under the names a *ForTokenClassification model uses, whichever
 * head the checkpoint was saved with; checkpoints we cannot read are refused with what to do.
 */
import { decodeSafetensors } from '../../core/checkpoint/safetensors';
import { parseEncoderConfig, type EncoderSpec } from './config';
import { encoderParams } from './paramNames';

export interface WeightData {
  shape: number[];
  data: Float32Array;
}

export interface HfCheckpoint {
  spec: EncoderSpec;
  /** config.json as read. */
  config: Record<string, unknown>;
  /** Encoder weights under the token classifier's names ('bert.encoder.layer.0...'), in the checkpoint's layout. */
  encoderWeights: Map<string, WeightData>;
  /** Every other float tensor (classifier, CRF transitions, pooler, LM head) under its own name. */
  otherWeights: Map<string, WeightData>;
  /** Labels in id order, when the checkpoint is a token classifier (it has classifier.weight). */
  labels: string[] | null;
  /** The parsed tokenizer.json, or null where only vocab.txt came (older BERT checkpoints). */
  tokenizerJson: Record<string, unknown> | null;
  tokenizerConfig: Record<string, unknown>;
  /** Tokenizer files as they came, so an export can pass them through. */
  tokenizerFiles: Map<string, Uint8Array>;
}

/** Files a checkpoint's tokenizer may consist of; the first two are what we read. */
export const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt', 'vocab.json', 'merges.txt', 'sentencepiece.bpe.model'];

export const SAFETENSORS_INDEX = 'model.safetensors.index.json';

/** Why a PyTorch-only checkpoint cannot load, and what to do instead. */
export function pickleRefusal(file: string): string {
  return (
    `This checkpoint has only ${file}, PyTorch's pickle format, which cannot be read here: unpickling ` +
    `runs Python, and TensorFlow.js has no reader for it. Use a copy with model.safetensors instead: many Hub ` +
    `models have one (look for it in the files list, or on the "refs/pr" branch the safetensors converter opened), ` +
    `or convert it in Python with transformers: ` +
    `AutoModel.from_pretrained("<folder>").save_pretrained("<out>", safe_serialization=True), ` +
    `then load <out> together with the tokenizer files.`
  );
}

const PICKLED = ['pytorch_model.bin', 'pytorch_model.bin.index.json', 'tf_model.h5', 'flax_model.msgpack'];

/** Keys are file names; any folder part is ignored ('bert-tiny/config.json' is config.json). */
export function readHfCheckpoint(input: ReadonlyMap<string, Uint8Array> | Record<string, Uint8Array>): HfCheckpoint {
  const files = new Map<string, Uint8Array>();
  for (const [path, bytes] of input instanceof Map ? input : Object.entries(input)) files.set(path.split('/').pop()!, bytes);
  const config = readJson(files, 'config.json');
  if (!config) throw new Error('The checkpoint has no config.json: it names the architecture and its sizes, and is needed to load it');
  const spec = parseEncoderConfig(config);

  const all = readWeights(files);
  const { encoderWeights, otherWeights } = splitEncoderWeights(spec, all);

  const tokenizerJson = readJson(files, 'tokenizer.json');
  if (!tokenizerJson && !files.has('vocab.txt')) {
    throw new Error('The checkpoint has no tokenizer.json (nor a WordPiece vocab.txt): add the tokenizer files the model was trained with');
  }
  if (!tokenizerJson && spec.family !== 'bert' && spec.family !== 'distilbert') {
    throw new Error(`A ${spec.family} checkpoint needs its tokenizer.json: vocab.txt alone describes only WordPiece tokenizers`);
  }
  const tokenizerFiles = new Map([...files].filter(([name]) => TOKENIZER_FILES.includes(name)));
  return {
    spec,
    config,
    encoderWeights,
    otherWeights,
    labels: otherWeights.has(`${spec.classifierName}.weight`) ? labelsOf(config) : null,
    tokenizerJson,
    tokenizerConfig: readJson(files, 'tokenizer_config.json') ?? {},
    tokenizerFiles,
  };
}

function readWeights(files: Map<string, Uint8Array>): Map<string, WeightData> {
  const shards: Uint8Array[] = [];
  const single = files.get('model.safetensors');
  if (single) shards.push(single);
  else if (files.has(SAFETENSORS_INDEX)) {
    const index = readJson(files, SAFETENSORS_INDEX)!;
    const names = new Set(Object.values((index.weight_map ?? {}) as Record<string, string>));
    for (const name of names) {
      const shard = files.get(name);
      if (!shard) throw new Error(`${SAFETENSORS_INDEX} lists the shard ${name}, which is missing`);
      shards.push(shard);
    }
  } else {
    const pickled = PICKLED.find((f) => files.has(f));
    if (pickled) throw new Error(pickleRefusal(pickled));
    throw new Error('The checkpoint has no model.safetensors: add the weights file next to config.json');
  }
  const out = new Map<string, WeightData>();
  for (const bytes of shards) {
    for (const [name, t] of decodeSafetensors(bytes).tensors) {
      // Integer tensors are buffers (position_ids), never parameters.
      if (t.data instanceof Float32Array) out.set(name, { shape: t.shape, data: t.data });
    }
  }
  return out;
}

/**
 * Finds the encoder's weights whatever prefix the checkpoint was saved under ('bert.' for a
 * BertFor* model, 'model.' for a LlamaForCausalLM, none for a bare BertModel), anchored on the word
 * embeddings, and whichever LayerNorm naming it uses (old checkpoints say gamma / beta); checks
 * every shape against config.json. Task-head weights (ModernBERT's head.*) keep their own names
 * and may be missing.
 */
function splitEncoderWeights(spec: EncoderSpec, all: Map<string, WeightData>): { encoderWeights: Map<string, WeightData>; otherWeights: Map<string, WeightData> } {
  const params = encoderParams(spec);
  const base = `${spec.basePrefix}.`;
  const anchor = params[0].name.slice(base.length);
  const anchored = [...all.keys()].find((k) => k === anchor || k.endsWith(`.${anchor}`));
  if (anchored === undefined) throw new Error(`model.safetensors has no '${anchor}': it does not hold a ${spec.family} model`);
  const sourcePrefix = anchored.slice(0, anchored.length - anchor.length);
  const others = new Map(all);
  const encoderWeights = new Map<string, WeightData>();
  for (const p of params) {
    const rest = p.head ? p.name : p.name.slice(base.length);
    const stored = p.head ? rest : sourcePrefix + rest;
    const candidates = [stored, stored.replace(/\.weight$/, '.gamma'), stored.replace(/\.bias$/, '.beta')];
    const found = candidates.find((k) => all.has(k));
    if (found === undefined) {
      if (p.head) continue;
      throw new Error(`model.safetensors lacks '${stored}' (shape [${p.hfShape}]) of a ${spec.family} model`);
    }
    const w = all.get(found)!;
    if (w.shape.length !== p.hfShape.length || w.shape.some((d, i) => d !== p.hfShape[i])) {
      throw new Error(`model.safetensors: '${found}' has shape [${w.shape}] but config.json implies [${p.hfShape}]`);
    }
    encoderWeights.set(p.name, w);
    others.delete(found);
  }
  return { encoderWeights, otherWeights: others };
}

function labelsOf(config: Record<string, unknown>): string[] | null {
  const id2label = config.id2label;
  if (typeof id2label !== 'object' || id2label === null) return null;
  const entries = Object.entries(id2label as Record<string, unknown>).map(([id, label]) => [Number(id), String(label)] as const);
  entries.sort((a, b) => a[0] - b[0]);
  if (!entries.every(([id], i) => id === i)) throw new Error('config.json: id2label ids must be 0, 1, 2, ...');
  return entries.map(([, label]) => label);
}

function readJson(files: Map<string, Uint8Array>, name: string): Record<string, unknown> | null {
  const bytes = files.get(name);
  if (!bytes) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`${name} is not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name}: expected a JSON object`);
  return value as Record<string, unknown>;
}
