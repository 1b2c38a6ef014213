/**
 * @file A run as a PyTorch project: run.yaml, the prepared data (core/dataset/preparedFiles.ts) of the sentences exactly
 * as this side's training loop would see them (subword pieces included for a pretrained encoder), the Python package
 * of python/ and a README with the commands. `ner export-torch` writes these files to a folder; the studio's export
 * worker zips them. Pure: files in, files out.
 */
import { validateConfig, type RunConfig } from '../core/config/config';
import { toRunYaml, YAML_PATH_OF } from '../core/config/yamlConfig';
import { encodeSafetensors } from '../core/checkpoint/safetensors';
import { unpackSplit, type PreparedDataset } from '../core/dataset/prepared';
import { writePreparedFiles, type PreparedFiles, type StartingVectors } from '../core/dataset/preparedFiles';
import { makeVocabIndex } from '../core/dataset/vocab';
import { lossDataFor } from '../core/losses/lossData';
import { lossDataProblems } from '../core/losses/lossRules';
import { constraintsForLabels } from '../core/tags/constraints';
import type { TagScheme } from '../core/tags/tags';
import type { SplitName } from '../core/types';
import type { MatchedVectors } from '../core/vectors/matchedVectors';
import { attachPiecesFor, baseModelFiles, pretrainedTrainData, readPretrainedBase } from './pretrained';
import { goldConstraintProblem } from './taggerInit';
import { torchReadme } from './torchReadme';

export interface TorchProjectInput {
  config: RunConfig;
  prepared: PreparedDataset;
  /** data.train, data.dev, data.test as the run file names them (the studio: the dropped files). */
  dataPaths: Partial<Record<SplitName, string>>;
  scheme?: TagScheme;
  /** encoder 'pretrained': the base model's files (config.json, model.safetensors, the tokenizer files). */
  baseModel?: ReadonlyMap<string, Uint8Array>;
  /** The vectors config.wordVectors names, cut to the vocabulary (core/vectors/matchedVectors.ts). */
  wordVectors?: MatchedVectors;
  /** python/ of this repository by relative path: pyproject.toml and ner_studio_torch/*.py. */
  python: ReadonlyMap<string, Uint8Array>;
}

/** Where each part goes inside the project. */
export const PROJECT_DATA_DIR = 'data';
export const PROJECT_BASE_MODEL_DIR = `${PROJECT_DATA_DIR}/base_model`;

function startingVectors(config: RunConfig, prepared: PreparedDataset, wv: MatchedVectors | undefined): StartingVectors | null {
  if (!config.wordVectors || config.encoder === 'pretrained') return null;
  if (!wv || wv.file !== config.wordVectors) throw new Error(`wordVectors: '${config.wordVectors}' is named but its vectors were not loaded`);
  if (wv.dim !== config.wordDim) throw new Error(`wordVectors: '${wv.file}' has ${wv.dim}-dimensional vectors but wordDim is ${config.wordDim}; set wordDim to ${wv.dim}`);
  const index = makeVocabIndex(prepared.vocab);
  return { file: wv.file, dim: wv.dim, ids: Int32Array.from(wv.words, (w) => index.word(w)), vectors: wv.data };
}

/**
 * Options of the studio the Python package does not reproduce yet (python/ner_studio_torch/config.py NOT_HERE,
 * which refuses them too): set away from their defaults they would train another model there, so the export is
 * refused, naming the key.
 */
const NOT_IN_TORCH: { [K in keyof RunConfig]?: { what: string; fine: readonly RunConfig[K][] } } = {
  charEncoder: { what: 'the char BiLSTM', fine: ['cnn'] },
  casingDim: { what: 'the casing feature', fine: [0] },
  singletonUnk: { what: 'singletons to UNK', fine: [0] },
  averageCheckpoints: { what: 'checkpoint averaging', fine: [0] },
  schedule: { what: "the 'inverse_time' schedule", fine: ['constant', 'linear', 'cosine'] },
};

export function torchProblems(config: RunConfig): string[] {
  const problems = Object.entries(NOT_IN_TORCH).flatMap(([key, rule]) => {
    const value = config[key as keyof RunConfig];
    if ((rule.fine as unknown[]).includes(value)) return [];
    return [`${YAML_PATH_OF[key as keyof RunConfig]}: ${JSON.stringify(value)} asks for ${rule.what}, which the PyTorch project does not reproduce yet; train this run in the studio or with ner train`];
  });
  // The package puts LoRA adapters on attention only (float16 storage is only a warning there: it stays float32).
  if (config.encoder === 'pretrained' && config.finetune === 'lora' && config.loraMlp) problems.push(`${YAML_PATH_OF.loraMlp}: LoRA on the MLP is the studio's; the PyTorch project puts adapters on attention only; set it to false`);
  return problems;
}

/** Every file of the project by its path inside it. Throws, naming the key, for a run that cannot train. */
export function torchProjectFiles(input: TorchProjectInput): Map<string, Uint8Array> {
  const { config, prepared } = input;
  const vocab = prepared.vocab;
  const problems = [...validateConfig(config), ...torchProblems(config), ...lossDataProblems(config.loss, config.lossParams, config.crf, lossDataFor(vocab))];
  if (problems.length > 0) throw new Error(problems.join('; '));
  const constraints = constraintsForLabels(vocab.labels);
  let splits = { train: unpackSplit(prepared.train), dev: unpackSplit(prepared.dev), test: unpackSplit(prepared.test) };
  const goldProblem = goldConstraintProblem(config.crf && config.constrainTransitions ? constraints : null, vocab, splits.train);
  if (goldProblem) throw new Error(goldProblem);

  const files = new Map<string, Uint8Array>();
  let pretrained: PreparedFiles['preparedFor']['pretrained'] = null;
  if (config.encoder === 'pretrained') {
    if (!input.baseModel) throw new Error(`baseModel: the files of '${config.baseModel}' are needed to prepare its subword pieces`);
    const base = readPretrainedBase(input.baseModel);
    if (base.spec.architecture !== 'bert') {
      throw new Error(`baseModel: '${config.baseModel}' is a ${base.spec.family} model; the PyTorch project runs the BERT family only (BERT, DistilBERT, RoBERTa, XLM-RoBERTa)`);
    }
    const ready = pretrainedTrainData(config, base, { vocab, train: splits.train, dev: splits.dev }, { train: prepared.text.train.tokens, dev: prepared.text.dev.tokens });
    splits = { train: ready.train, dev: ready.dev, test: attachPiecesFor(config, base)(splits.test, prepared.text.test.tokens) };
    for (const [name, bytes] of baseModelFiles(base)) files.set(`${PROJECT_BASE_MODEL_DIR}/${name}`, bytes);
    // The encoder's weights alone, under the token classifier's names in Hugging Face's layout.
    const weights = [...base.encoderWeights!].map(([name, w]) => ({ name, shape: w.shape, data: w.data }));
    files.set(`${PROJECT_BASE_MODEL_DIR}/model.safetensors`, encodeSafetensors(weights, { format: 'pt' }));
    pretrained = { baseModel: config.baseModel, labelAlignment: config.labelAlignment, maxLength: config.maxLength, stride: config.stride };
  }
  const wordVectors = startingVectors(config, prepared, input.wordVectors);
  const preparedFor = { data: input.dataPaths, wordVectors: wordVectors ? config.wordVectors : '', pretrained };
  for (const [name, bytes] of writePreparedFiles({ vocab, constraints, splits, wordVectors, preparedFor })) files.set(`${PROJECT_DATA_DIR}/${name}`, bytes);

  const encode = (text: string) => new TextEncoder().encode(text);
  files.set('run.yaml', encode(toRunYaml(config, { ...input.dataPaths, scheme: input.scheme })));
  const counts = { train: splits.train.length, dev: splits.dev.length, test: splits.test.length };
  files.set('README.md', encode(torchReadme(config, counts, prepared.summary.name)));
  for (const [path, bytes] of input.python) files.set(path, bytes);
  return files;
}

/** data.train, data.dev, data.test of an export: the files that fed each split (several joined by ', '). */
export function dataPathsOf(files: readonly { file: string; split: string }[]): Partial<Record<SplitName, string>> {
  const out: Partial<Record<SplitName, string>> = {};
  for (const { file, split } of files) {
    const key: SplitName | null = split === 'ratio' ? 'train' : split === 'train' || split === 'dev' || split === 'test' ? split : null;
    if (key) out[key] = out[key] ? `${out[key]}, ${file}` : file;
  }
  return out;
}

/** The project folder's (and zip's) name: ner-<encoder>-<loss>-pytorch. */
export const torchProjectName = (config: RunConfig) => `ner-${config.encoder}-${config.loss.replace(/_/g, '-')}-pytorch`;
