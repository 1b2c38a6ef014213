/**
 * @file A study: named runs (each a run file's settings) trained with several seeds on the same data, read from
 * studies/NAME.yaml. Pure: text in, the list of runs out, each with its RunConfig already checked, so a typo stops
 * the study before the first run rather than hours into it.
 *
 * ```yaml
 * description: what the study asks
 * data:                      # paths relative to the study file's parent folder (the repository for studies/)
 *   train: ../shared/datasets/conll2003/iob2/train.txt
 *   dev: ../shared/datasets/conll2003/iob2/valid.txt
 *   test: ../shared/datasets/conll2003/iob2/test.txt
 *   train_sentences: 4000    # optional: the first N training sentences
 * seeds: [1, 2, 3]           # every run's seeds unless it names its own
 * baseline: crf              # the run the table's differences are against
 * order: seeds               # seeds (default): every run's first seed, then every second...; runs: in the file's
 *                            # order, each run's seeds together (when the first runs matter most and the last are long)
 * base:                      # run-file keys every run shares (model:, training:), as in a run file
 *   model: {preset: bilstm-small}
 *   training: {epochs: 8}
 * runs:
 *   - name: crf
 *   - name: focal
 *     set: {model.loss.type: focal, model.loss.params: {gamma: 2}}   # keys as `ner train --set` takes them
 *     seeds: [1]
 *   - name: focal-long
 *     set: {training.epochs: 16}
 *     baseline: focal          # this run's differences are against focal instead
 * ```
 */
import { isMap, LineCounter, parseDocument, stringify } from 'yaml';
import type { RunConfig } from '../config/config';
import { parseRunYaml } from '../config/yamlConfig';

export interface StudyData {
  train: string;
  dev?: string;
  test?: string;
  /** Train on the first N sentences of data.train only. */
  trainSentences?: number;
}

/** One training run of a study: a variant (a named setting) with one seed. */
export interface StudyRun {
  /** Folder name under the results: `${variant}-seed${seed}`. */
  id: string;
  variant: string;
  seed: number;
  config: RunConfig;
  /** The preset the run file named, if any. */
  preset?: string;
}

export interface StudySpec {
  description: string;
  data: StudyData;
  /** Variant names in the file's order. */
  variants: string[];
  baseline: string | null;
  /** Variants whose differences are against another run than `baseline` (a run's own `baseline:`). */
  baselines: Record<string, string>;
  /** The training order: `seeds`, seed-major (the default); `runs`, as listed, each run's seeds together. */
  order: StudyOrder;
  runs: StudyRun[];
  warnings: string[];
}

export const STUDY_ORDERS = ['seeds', 'runs'] as const;
export type StudyOrder = (typeof STUDY_ORDERS)[number];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeedList = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32);

/** Parses a study file; throws an Error naming the file, the line where there is one, and the key. */
export function parseStudy(text: string, file: string): StudySpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => `${file}:${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`).join('\n'));
  const root: unknown = doc.toJS() ?? {};
  if (!isObject(root) || !isMap(doc.contents)) throw new Error(`${file}: the top level must be a mapping (description:, data:, seeds:, base:, runs:)`);
  const at = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? `${file}:${lineCounter.linePos(node.range[0]).line}` : file;
  };
  const fail = (path: (string | number)[], message: string): never => {
    throw new Error(`${at(path)}: ${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}: ${message}`);
  };
  const warnings: string[] = [];
  for (const key of Object.keys(root)) if (!['description', 'data', 'seeds', 'baseline', 'order', 'base', 'runs'].includes(key)) warnings.push(`${key}: unknown key`);

  const data = root.data;
  if (!isObject(data)) return fail(['data'], 'must be a mapping with train (and dev, test) paths');
  for (const key of Object.keys(data)) if (!['train', 'dev', 'test', 'train_sentences'].includes(key)) warnings.push(`data.${key}: unknown key`);
  for (const key of ['train', 'dev', 'test'] as const) {
    if (data[key] !== undefined && typeof data[key] !== 'string') fail(['data', key], `must be a path, got ${JSON.stringify(data[key])}`);
  }
  if (typeof data.train !== 'string') return fail(['data'], 'train is missing: name the training file');
  const n = data.train_sentences;
  if (n !== undefined && !(Number.isInteger(n) && (n as number) > 0)) fail(['data', 'train_sentences'], `must be a whole number > 0, got ${JSON.stringify(n)}`);

  const seeds = root.seeds ?? [42];
  if (!isSeedList(seeds)) fail(['seeds'], `must be a list of whole numbers 0..2^32-1, got ${JSON.stringify(seeds)}`);
  const base = root.base ?? {};
  if (!isObject(base)) fail(['base'], 'must be a mapping of run-file keys (model:, training:)');
  if (isObject(base) && 'data' in base) fail(['base', 'data'], "the study's data: section names the data, not base");
  if (!Array.isArray(root.runs) || root.runs.length === 0) return fail(['runs'], 'must be a list of runs, each with a name');
  const baseText = stringify(base);

  const variants: string[] = [];
  const runs: StudyRun[] = [];
  root.runs.forEach((entry: unknown, i: number) => {
    if (!isObject(entry)) fail(['runs', i], 'must be a mapping with name (and set, seeds)');
    const r = entry as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!['name', 'set', 'seeds', 'baseline'].includes(key)) warnings.push(`runs[${i}].${key}: unknown key`);
    if (typeof r.name !== 'string' || !NAME.test(r.name)) fail(['runs', i, 'name'], `must be a name of letters, digits and _ . + - (it names folders), got ${JSON.stringify(r.name)}`);
    const name = r.name as string;
    if (variants.includes(name)) fail(['runs', i, 'name'], `'${name}' is used twice`);
    variants.push(name);
    const set = r.set ?? {};
    if (!isObject(set)) fail(['runs', i, 'set'], 'must be a mapping of run-file keys, e.g. {model.loss.type: focal}');
    const runSeeds = r.seeds ?? seeds;
    if (!isSeedList(runSeeds)) fail(['runs', i, 'seeds'], `must be a list of whole numbers, got ${JSON.stringify(runSeeds)}`);
    const overrides = Object.entries(set as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    for (const seed of runSeeds as number[]) {
      let parsed;
      try {
        parsed = parseRunYaml(baseText, `${file} base`, [...overrides, `training.seed=${seed}`]);
      } catch (e) {
        return fail(['runs', i], `run '${name}': ${(e as Error).message}`);
      }
      if (seed === (runSeeds as number[])[0]) warnings.push(...parsed.warnings.map((w) => `runs[${i}] '${name}': ${w}`));
      runs.push({ id: `${name}-seed${seed}`, variant: name, seed, config: parsed.config, ...(parsed.model.preset ? { preset: parsed.model.preset } : {}) });
    }
  });
  const order = root.order ?? 'seeds';
  if (!STUDY_ORDERS.includes(order as StudyOrder)) fail(['order'], `must be one of ${STUDY_ORDERS.join(', ')}, got ${JSON.stringify(order)}`);
  const baseline = root.baseline ?? null;
  if (baseline !== null && (typeof baseline !== 'string' || !variants.includes(baseline))) fail(['baseline'], `must name one of the runs (${variants.join(', ')}), got ${JSON.stringify(baseline)}`);
  const baselines: Record<string, string> = {};
  (root.runs as Record<string, unknown>[]).forEach((r, i) => {
    if (r.baseline === undefined) return;
    const others = variants.filter((v) => v !== r.name);
    if (typeof r.baseline !== 'string' || !others.includes(r.baseline)) fail(['runs', i, 'baseline'], `must name another run (${others.join(', ')}), got ${JSON.stringify(r.baseline)}`);
    baselines[r.name as string] = r.baseline as string;
  });

  return {
    description: typeof root.description === 'string' ? root.description.trim() : '',
    data: { train: data.train, ...(typeof data.dev === 'string' ? { dev: data.dev } : {}), ...(typeof data.test === 'string' ? { test: data.test } : {}), ...(n !== undefined ? { trainSentences: n as number } : {}) },
    variants,
    baseline: baseline as string | null,
    baselines,
    order: order as StudyOrder,
    runs,
    warnings,
  };
}

/**
 * Seed-major by default: every variant's first seed, then every variant's second, and so on, so a study cut short
 * has each variant with as many seeds as possible rather than some variants with all seeds and others with none.
 * `order: runs` keeps the file's order, each variant's seeds together: for a study whose first variants carry its
 * claim and whose last take hours.
 */
export function trainingOrder(spec: StudySpec): StudyRun[] {
  if (spec.order === 'runs') return spec.runs.slice();
  const rank = (r: StudyRun) => spec.runs.filter((x) => x.variant === r.variant).indexOf(r);
  return spec.runs.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.r);
}
