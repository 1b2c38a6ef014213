/**
 * @file A run on a pretrained encoder, from the model's files to what the loop needs: the
 * architecture, weights and tokenizer; the fine-tuning option; the window sizes; and the sentences
 * given their subword pieces (positions become pieces under 'all' label alignment in training).
 * The same reader rebuilds a saved run from the files its checkpoint keeps (no weights there: the
 * tagger's own are).
 */
import type { RunConfig } from '../core/config/config';
import type { EncodedSentence, Vocabularies } from '../core/dataset/vocab';
import { readHfCheckpoint, TOKENIZER_FILES, type WeightData } from '../model/hf/checkpoint';
import { parseEncoderConfig, type EncoderSpec } from '../model/hf/config';
import type { EncoderTraining } from '../model/hf/training';
import { expandToPieces, pieceLabelsFor, withWordPieces, type PieceOptions } from '../tokenize/sentencePieces';
import { loadCheckpointTokenizer, type SubwordTokenizer } from '../tokenize/subwordTokenizer';
import type { TrainData } from './runTraining';

export interface PretrainedBase {
  spec: EncoderSpec;
  /** config.json as read. */
  config: Record<string, unknown>;
  tokenizer: SubwordTokenizer;
  tokenizerFiles: Map<string, Uint8Array>;
  /** Encoder weights in the HF layout; null when rebuilt from a studio checkpoint. */
  encoderWeights: Map<string, WeightData> | null;
}

/** Attaches what the tagger's encoder reads besides word ids; `words` are each sentence's tokens as written. */
export type AttachPieces = (sentences: EncodedSentence[], words: readonly (readonly string[])[]) => EncodedSentence[];

const json = (files: ReadonlyMap<string, Uint8Array>, name: string): Record<string, unknown> | null => {
  const bytes = files.get(name);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : null;
};

/**
 * A Hugging Face checkpoint's files; weights: false reads only config.json and the tokenizer files
 * (a studio checkpoint, whose tagger has the weights).
 */
export function readPretrainedBase(input: ReadonlyMap<string, Uint8Array>, options: { weights?: boolean } = {}): PretrainedBase {
  const files = new Map([...input].map(([path, bytes]) => [path.split('/').pop()!, bytes]));
  if (options.weights !== false || !files.has('config.json')) {
    const checkpoint = readHfCheckpoint(files); // says what is missing, and refuses pickles
    const { spec, config, tokenizerFiles, encoderWeights } = checkpoint;
    return { spec, config, tokenizer: loadCheckpointTokenizer(checkpoint), tokenizerFiles, encoderWeights };
  }
  const config = json(files, 'config.json')!;
  const tokenizerFiles = new Map([...files].filter(([name]) => TOKENIZER_FILES.includes(name)));
  const tokenizer = loadCheckpointTokenizer({ tokenizerJson: json(files, 'tokenizer.json'), tokenizerConfig: json(files, 'tokenizer_config.json') ?? {}, tokenizerFiles });
  return { spec: parseEncoderConfig(config), config, tokenizer, tokenizerFiles, encoderWeights: null };
}

/** What a studio checkpoint keeps of the base model: config.json and the tokenizer files. */
export function baseModelFiles(base: PretrainedBase): Map<string, Uint8Array> {
  return new Map([['config.json', new TextEncoder().encode(JSON.stringify(base.config, null, 2))], ...base.tokenizerFiles]);
}

export function encoderTrainingFor(config: RunConfig): EncoderTraining {
  switch (config.finetune) {
    case 'full':
    case 'frozen':
      return { mode: config.finetune };
    case 'top':
      return { mode: 'top', layers: config.topLayers };
    case 'lora':
      return { mode: 'lora', rank: config.loraRank, alpha: config.loraAlpha, targets: config.loraMlp ? ['query', 'value', 'mlp'] : ['query', 'value'] };
    default:
      return config.finetune satisfies never;
  }
}

/** Whether the frozen dense weights are stored in half precision on this backend ('auto': on WebGPU). */
export function halfPrecisionFor(config: Pick<RunConfig, 'frozenWeights'>, backend: string): boolean {
  return config.frozenWeights === 'float16' || (config.frozenWeights === 'auto' && backend === 'webgpu');
}

/** Window sizes: config.maxLength within the model's limit (0: the limit), the stride checked against it. */
export function pieceOptionsFor(config: RunConfig, base: Pick<PretrainedBase, 'spec' | 'tokenizer'>): PieceOptions {
  const { spec, tokenizer } = base;
  const limit = Math.min(spec.maxTokens, tokenizer.modelMaxLength ?? Infinity);
  const maxTokens = config.maxLength > 0 ? Math.min(config.maxLength, limit) : limit;
  const budget = maxTokens - tokenizer.prefixIds.length - tokenizer.suffixIds.length;
  if (budget < 1) throw new Error(`maxLength: windows of ${maxTokens} tokens leave no room for words beside the special tokens`);
  if (config.stride >= budget) {
    throw new Error(`stride: ${config.stride} must be below the ${budget} word tokens of a window (maxLength ${maxTokens} minus the special tokens)`);
  }
  return { maxTokens, stride: config.stride };
}

/** Sentences for evaluation and prediction: word positions, each word read from its first piece (or pooled). */
export function attachPiecesFor(config: RunConfig, base: Pick<PretrainedBase, 'spec' | 'tokenizer'>): AttachPieces {
  const options = pieceOptionsFor(config, base);
  return (sentences, words) => withWordPieces(sentences, words, base.tokenizer, options);
}

/** The training sentences: word positions, or with 'all' alignment one position per piece. */
export function trainingPieces(config: RunConfig, base: Pick<PretrainedBase, 'spec' | 'tokenizer'>, vocab: Vocabularies, sentences: EncodedSentence[], words: readonly (readonly string[])[]): EncodedSentence[] {
  const withPieces = attachPiecesFor(config, base)(sentences, words);
  if (config.labelAlignment === 'first') return withPieces;
  const pieceLabels = pieceLabelsFor(vocab.labels);
  return withPieces.map((s) => expandToPieces(s, pieceLabels));
}

/** The longest window among the sentences, in tokens: what a batch of them pads to at most. */
export function longestWindow(sentences: readonly EncodedSentence[]): number {
  let longest = 0;
  for (const s of sentences) for (const w of s.pieces?.windows ?? []) longest = Math.max(longest, w.length);
  return longest;
}

/** A run's data made ready for the pretrained encoder; `words` are each split's sentences as written. */
export function pretrainedTrainData(config: RunConfig, base: PretrainedBase, data: TrainData, words: { train: readonly (readonly string[])[]; dev: readonly (readonly string[])[] }): TrainData {
  if (!base.encoderWeights) throw new Error('baseModel: the pretrained checkpoint has no weights (model.safetensors)');
  return {
    ...data,
    train: trainingPieces(config, base, data.vocab, data.train, words.train),
    dev: attachPiecesFor(config, base)(data.dev, words.dev),
    pretrained: { spec: base.spec, encoderWeights: base.encoderWeights },
  };
}
