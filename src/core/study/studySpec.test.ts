import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/config';
import { applyPreset } from '../config/presets';
import { parseStudy, trainingOrder } from './studySpec';

const STUDY = `description: Which loss?
data:
  train: data/train.txt
  dev: data/dev.txt
  train_sentences: 30
seeds: [1, 2]
baseline: crf
base:
  model: {preset: bilstm-small, hidden: 8}
  training: {epochs: 2}
runs:
  - name: crf
  - name: focal+crf
    set: {model.loss.type: focal, model.loss.params: {gamma: 1}}
    seeds: [5]
`;

describe('parseStudy', () => {
  it('expands every run with every seed, the base and the run settings applied', () => {
    const spec = parseStudy(STUDY, 's.yaml');
    expect(spec.warnings).toEqual([]);
    expect(spec.description).toBe('Which loss?');
    expect(spec.data).toEqual({ train: 'data/train.txt', dev: 'data/dev.txt', trainSentences: 30 });
    expect(spec.variants).toEqual(['crf', 'focal+crf']);
    expect(spec.baseline).toBe('crf');
    expect(spec.baselines).toEqual({});
    expect(parseStudy(`${STUDY}    baseline: crf\n`, 's.yaml').baselines).toEqual({ 'focal+crf': 'crf' });
    expect(spec.order).toBe('seeds');
    const base = { ...applyPreset(DEFAULT_CONFIG, 'bilstm-small'), hidden: 8, epochs: 2 };
    expect(spec.runs.map((r) => [r.id, r.seed])).toEqual([
      ['crf-seed1', 1],
      ['crf-seed2', 2],
      ['focal+crf-seed5', 5],
    ]);
    expect(spec.runs[0].config).toEqual({ ...base, seed: 1 });
    expect(spec.runs[0].preset).toBe('bilstm-small');
    expect(spec.runs[2].config).toEqual({ ...base, seed: 5, loss: 'focal', lossParams: { gamma: 1 } });
  });

  it.each([
    ['data: {dev: d.txt}\nruns: [{name: a}]\n', /^s\.yaml:1: data: train is missing/],
    ['data: {train: t.txt, train_sentences: 0}\nruns: [{name: a}]\n', /^s\.yaml:1: data\.train_sentences: must be a whole number > 0, got 0/],
    ['data: {train: t.txt}\nseeds: [1.5]\nruns: [{name: a}]\n', /^s\.yaml:2: seeds: must be a list of whole numbers/],
    ['data: {train: t.txt}\nruns: []\n', /^s\.yaml:2: runs: must be a list of runs/],
    ['data: {train: t.txt}\nruns:\n  - name: a b\n', /^s\.yaml:3: runs\[0\]\.name: must be a name of letters/],
    ['data: {train: t.txt}\nruns:\n  - name: a\n  - name: a\n', /^s\.yaml:4: runs\[1\]\.name: 'a' is used twice/],
    ['data: {train: t.txt}\nbaseline: b\nruns: [{name: a}]\n', /^s\.yaml:2: baseline: must name one of the runs \(a\), got "b"/],
    ['data: {train: t.txt}\nbase: {data: {train: x}}\nruns: [{name: a}]\n', /^s\.yaml:2: base\.data: the study's data: section names the data/],
    ['data: {train: t.txt}\nruns:\n  - name: a\n    set: {training.lr: fast}\n', /^s\.yaml:3: runs\[0\]: run 'a': --set training\.lr: must be a number, got 'fast'/],
    ['data: {train: t.txt}\nruns: [{name: a}\n', /^s\.yaml:\d+: /],
    ['data: {train: t.txt}\norder: random\nruns: [{name: a}]\n', /^s\.yaml:2: order: must be one of seeds, runs, got "random"/],
    ['data: {train: t.txt}\nruns:\n  - name: a\n  - name: b\n    baseline: c\n', /^s\.yaml:5: runs\[1\]\.baseline: must name another run \(a\), got "c"/],
    ['data: {train: t.txt}\nruns:\n  - name: a\n    baseline: a\n  - name: b\n', /^s\.yaml:4: runs\[0\]\.baseline: must name another run \(b\), got "a"/],
  ])('%j is refused naming the file, line and key', (text, message) => {
    expect(() => parseStudy(text, 's.yaml')).toThrow(message);
  });

  it('warns about unknown keys, in the study and in its runs', () => {
    const spec = parseStudy('data: {train: t.txt, tset: x}\nrusn: 1\nruns:\n  - name: a\n    set: {model.dropuot: 0.1}\n', 's.yaml');
    expect(spec.warnings).toEqual(['rusn: unknown key', 'data.tset: unknown key', "runs[0] 'a': model.dropuot: unknown key (did you mean model.dropout?)"]);
  });

  it.each([
    ['seeds', ['a-seed1', 'b-seed1', 'c-seed1', 'a-seed2', 'b-seed2', 'a-seed3']],
    ['runs', ['a-seed1', 'a-seed2', 'a-seed3', 'b-seed1', 'b-seed2', 'c-seed1']],
  ])('order: %s trains the runs in that order', (order, ids) => {
    const text = `data: {train: t.txt}\norder: ${order}\nruns:\n  - {name: a, seeds: [1, 2, 3]}\n  - {name: b, seeds: [1, 2]}\n  - {name: c, seeds: [1]}\n`;
    expect(trainingOrder(parseStudy(text, 's.yaml')).map((r) => r.id)).toEqual(ids);
  });
});
