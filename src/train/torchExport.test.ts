import { describe, expect, it } from 'vitest';
import { completeConfig } from '../core/config/config';
import { parseRunYaml } from '../core/config/yamlConfig';
import { prepareDataset } from '../core/dataset/prepared';
import { readPreparedFiles } from '../core/dataset/preparedFiles';
import { buildVocabularies } from '../core/dataset/vocab';
import type { Dataset } from '../core/types';
import { sentence, TINY_SENTENCES } from '../../testing/tfjs';
import { dataPathsOf, torchProjectFiles, torchProjectName, type TorchProjectInput } from './torchExport';

const dataset: Dataset = { name: 'tiny', train: TINY_SENTENCES, dev: TINY_SENTENCES.slice(0, 2), test: [], sources: [] };
const prepared = prepareDataset(dataset, buildVocabularies(dataset.train, dataset.dev));
const python = new Map([['pyproject.toml', new Uint8Array([1])], ['ner_studio_torch/train.py', new Uint8Array([2])]]);
const input = (over: Partial<TorchProjectInput> = {}): TorchProjectInput => ({ config: completeConfig({ batchSize: 4 }), prepared, dataPaths: { train: 'a.txt' }, python, ...over });
const data = (files: Map<string, Uint8Array>) => new Map([...files].filter(([p]) => p.startsWith('data/')).map(([p, b]) => [p.slice('data/'.length), b]));

describe('torchProjectFiles', () => {
  it('holds run.yaml, README.md, the prepared data and the Python files given', () => {
    const files = torchProjectFiles(input());
    expect([...files.keys()].sort()).toEqual(['README.md', 'data/dev.safetensors', 'data/prepared.json', 'data/test.safetensors', 'data/train.safetensors', 'ner_studio_torch/train.py', 'pyproject.toml', 'run.yaml']);
    expect(parseRunYaml(new TextDecoder().decode(files.get('run.yaml')), 'run.yaml').config).toEqual(input().config);
    const back = readPreparedFiles(data(files));
    expect(back.splits.train).toHaveLength(TINY_SENTENCES.length);
    expect(back.vocab).toEqual(prepared.vocab);
  });

  it('starts the word embeddings from the vectors the config names, by vocabulary id', () => {
    const config = completeConfig({ wordVectors: 'glove.txt', wordDim: 2 });
    const wordVectors = { file: 'glove.txt', dim: 2, found: 2, total: 10, words: ['oslo', 'rome'], data: Float32Array.of(1, 2, 3, 4) };
    const back = readPreparedFiles(data(torchProjectFiles(input({ config, wordVectors }))));
    expect(Array.from(back.wordVectors!.ids)).toEqual([prepared.vocab.words.indexOf('oslo'), prepared.vocab.words.indexOf('rome')]);
    expect(back.preparedFor.wordVectors).toBe('glove.txt');
    expect(() => torchProjectFiles(input({ config }))).toThrow("wordVectors: 'glove.txt' is named but its vectors were not loaded");
    expect(() => torchProjectFiles(input({ config: { ...config, wordDim: 3 }, wordVectors }))).toThrow("wordVectors: 'glove.txt' has 2-dimensional vectors but wordDim is 3; set wordDim to 2");
  });

  it('refuses what cannot train: a bad loss parameter, IOB1 gold under constraints, a pretrained run without its files', () => {
    expect(() => torchProjectFiles(input({ config: completeConfig({ loss: 'focal', lossParams: { gamma: -1 } }) }))).toThrow('lossParams.gamma: must be ≥ 0, got -1');
    const iob1: Dataset = { ...dataset, train: [sentence('Anna Berg', 'I-PER I-PER'), sentence('in Rome', 'O B-LOC')] };
    expect(() => torchProjectFiles(input({ prepared: prepareDataset(iob1, buildVocabularies(iob1.train)) }))).toThrow(/^constrainTransitions: 1 training sentence breaks the IOB2 rules/);
    expect(() => torchProjectFiles(input({ config: completeConfig({ encoder: 'pretrained', baseModel: 'bert-base-cased' }) }))).toThrow("baseModel: the files of 'bert-base-cased' are needed to prepare its subword pieces");
  });
});

describe('dataPathsOf and torchProjectName', () => {
  it('name the files that fed each split, and the project by encoder and loss', () => {
    expect(dataPathsOf([{ file: 'eng.train', split: 'train' }, { file: 'eng.testa', split: 'dev' }, { file: 'x.train', split: 'train' }])).toEqual({ train: 'eng.train, x.train', dev: 'eng.testa' });
    expect(dataPathsOf([{ file: 'all.conll', split: 'ratio' }])).toEqual({ train: 'all.conll' });
    expect(torchProjectName(completeConfig({ encoder: 'transformer', loss: 'cross_entropy' }))).toBe('ner-transformer-cross-entropy-pytorch');
  });
});
