/**
 * @file A fine-tuned encoder with its tagging head, written in the Hugging Face layout: config.json
 * (a *ForTokenClassification with id2label / label2id), model.safetensors under the parameter
 * names `transformers` expects (LoRA adapters merged in; the linear layer is `classifier`, or
 * `score` for Llama, Mistral and Qwen2; ModernBERT's prediction head `head.*` comes with the
 * encoder), and the tokenizer files, so the folder loads with AutoModelForTokenClassification.
 * The CRF travels as extra tensors (pytorch-crf's names under 'crf.'), which transformers ignores
 * and the studio reads back.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeSafetensors, type NamedTensor } from '../../core/checkpoint/safetensors';
import { isByteLevel } from '../../tokenize/subwordTokenizer';
import type { HfEncoder } from './encoder';

export interface ExportedHead {
  /** [H, K], as the tagger multiplies x W; written transposed, as torch's Linear keeps [K, H]. */
  weight: tf.Tensor;
  bias: tf.Tensor; // [K]
}

export interface ExportedCrf {
  transitions: tf.Tensor; // [K, K], from i to j
  start: tf.Tensor; // [K]
  end: tf.Tensor; // [K]
}

export interface HfExportInput {
  encoder: HfEncoder;
  /** The config.json the encoder was loaded from; its keys are kept. */
  config: Record<string, unknown>;
  labels: readonly string[];
  head: ExportedHead;
  crf?: ExportedCrf | null;
  /** The checkpoint's tokenizer files, passed through. */
  tokenizerFiles: ReadonlyMap<string, Uint8Array>;
  /** Studio settings worth keeping with the model (label alignment, aggregation), stored under config.ner_studio. */
  studio?: Record<string, unknown>;
}

export const CRF_TENSOR_NAMES = { transitions: 'crf.transitions', start: 'crf.start_transitions', end: 'crf.end_transitions' } as const;

/** File name -> bytes; zipping or saving them is the caller's business. */
export async function exportHfTokenClassifier(input: HfExportInput): Promise<Map<string, Uint8Array>> {
  const { encoder, labels, head, crf } = input;
  const spec = encoder.spec;
  const K = labels.length;
  const H = spec.hiddenSize;
  checkShape('classifier weight', head.weight, [H, K]);
  checkShape('classifier bias', head.bias, [K]);
  if (crf) {
    checkShape('CRF transitions', crf.transitions, [K, K]);
    checkShape('CRF start', crf.start, [K]);
    checkShape('CRF end', crf.end, [K]);
  }

  const tensors: NamedTensor[] = [...(await encoder.exportWeights())].map(([name, w]) => ({ name, shape: w.shape, data: w.data }));
  const read = async (name: string, t: tf.Tensor, transposeIt = false): Promise<void> => {
    const source = transposeIt ? tf.transpose(t) : t;
    const data = (await source.data()) as Float32Array; // sync point: one read per tensor
    if (source !== t) source.dispose();
    tensors.push({ name, shape: transposeIt ? t.shape.slice().reverse() : t.shape.slice(), data: Float32Array.from(data) });
  };
  await read(`${spec.classifierName}.weight`, head.weight, true);
  await read(`${spec.classifierName}.bias`, head.bias);
  if (crf) {
    await read(CRF_TENSOR_NAMES.transitions, crf.transitions);
    await read(CRF_TENSOR_NAMES.start, crf.start);
    await read(CRF_TENSOR_NAMES.end, crf.end);
  }

  const config = {
    ...input.config,
    architectures: [spec.tokenClassifier],
    id2label: Object.fromEntries(labels.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(labels.map((label, id) => [label, id])),
    torch_dtype: 'float32',
    ner_studio: { ...(input.studio ?? {}), word_prefix_space: isByteLevel(tokenizerJsonOf(input.tokenizerFiles)), crf: Boolean(crf), crf_tensors: crf ? Object.values(CRF_TENSOR_NAMES) : [] },
  };
  const files = new Map<string, Uint8Array>();
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  files.set('config.json', json(config));
  files.set('model.safetensors', encodeSafetensors(tensors, { format: 'pt' }));
  for (const [name, bytes] of input.tokenizerFiles) files.set(name, bytes);
  const tokenizerConfig = withWordPrefixSpace(input.tokenizerFiles);
  if (tokenizerConfig) files.set('tokenizer_config.json', json(tokenizerConfig));
  return files;
}

/**
 * Words were tokenized as if after a space (RoBERTa's add_prefix_space=True, which transformers
 * requires for pre-split words); say so in tokenizer_config.json so Python tokenizes alike.
 * Null when the tokenizer is not byte-level.
 */
function withWordPrefixSpace(files: ReadonlyMap<string, Uint8Array>): Record<string, unknown> | null {
  const tokenizer = files.get('tokenizer.json');
  if (!tokenizer) return null;
  const pre = (JSON.parse(new TextDecoder().decode(tokenizer)) as { pre_tokenizer?: { type?: string; pretokenizers?: { type?: string }[] } | null }).pre_tokenizer;
  // Only a plain ByteLevel pre-tokenizer takes the flag; Llama-3's and Qwen2's regex split before
  // ByteLevel would put the space before every split, so there ner_studio.word_prefix_space says it.
  if (pre?.type !== 'ByteLevel') return null;
  const configBytes = files.get('tokenizer_config.json');
  const config = configBytes ? (JSON.parse(new TextDecoder().decode(configBytes)) as Record<string, unknown>) : {};
  return { ...config, add_prefix_space: true };
}

function tokenizerJsonOf(files: ReadonlyMap<string, Uint8Array>): Record<string, unknown> {
  const bytes = files.get('tokenizer.json');
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : {};
}

function checkShape(what: string, t: tf.Tensor, shape: number[]): void {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`Export: ${what} has shape [${t.shape}], expected [${shape}]`);
  }
}
