/**
 * @file The losses a run can choose, by name: what each means, its parameters with defaults, and
 * what it needs (the CRF, entity labels, extra columns). Pure; src/model/losses/ implements each
 * entry under the same key, and the config's loss type is derived from this table's keys. The
 * rules that combine them (the CRF term, what may stand alone) are in lossRules.ts.
 */
import { entityTypesOf, type LossData } from './lossData';
import { isPlainObject, numberParam, numberProblem, perLabelDataProblems, perLabelParam, showValue, type LossParams, type ParamEnv, type ParamSpec } from './lossParams';

export interface LossSpec {
  /** The studio's name for it. */
  label: string;
  params: Record<string, ParamSpec>;
  /** The loss is the CRF's likelihood: refused with the CRF off. */
  needsCrf?: boolean;
  /** With the CRF on, it already contains the CRF likelihood, so no CRF term is added. p: params with defaults. */
  includesCrf?(p: LossParams, crf: boolean): boolean;
  /** It trains the emission scores well enough to be the only NER signal. */
  trainsEmissions(p: LossParams, crf: boolean): boolean;
  /** Why it cannot stand alone, when trainsEmissions is false. */
  whyNotAlone?: string;
  /** Problems between parameters; `typePath` names where the loss was chosen ('loss' or 'lossParams.terms[0].type'). */
  check?(p: LossParams, path: string, env: ParamEnv, typePath: string): string[];
  /** Problems against the data: labels, counts, extra columns. */
  checkData?(p: LossParams, path: string, data: LossData, env: ParamEnv, typePath: string): string[];
}

const always = () => true;
const epsilon = (doc: string) => numberParam(doc, 0.1, { min: 0, max: 1, maxOpen: true });

/** The terms of a compound: validated here, each term's own loss by lossRules' checkLoss (given by `env`). */
const TERMS: ParamSpec = {
  doc: 'a list of terms {type, weight (default 1), params (default {})}; the loss is the weighted sum',
  required: true,
  check: (v, path, env) => {
    if (!Array.isArray(v)) return [`${path}: must be a list of terms {type, weight, params}, got ${showValue(v)}`];
    if (v.length === 0) return [`${path}: a compound needs at least one term`];
    const out: string[] = [];
    v.forEach((t, i) => {
      const at = `${path}[${i}]`;
      if (!isPlainObject(t)) return void out.push(`${at}: must be a mapping {type, weight, params}, got ${showValue(t)}`);
      for (const k of Object.keys(t)) if (!['type', 'weight', 'params'].includes(k)) out.push(`${at}.${k}: a term has only type, weight and params`);
      if (t.weight !== undefined) {
        const p = numberProblem(t.weight, { min: 0 });
        if (p) out.push(`${at}.weight: ${p}`);
      }
      if (typeof t.type !== 'string' || !(t.type in LOSS_SPECS)) {
        out.push(`${at}.type: ${t.type === undefined ? 'missing' : `${showValue(t.type)} is not one of ${Object.keys(LOSS_SPECS).join(', ')}`}`);
      } else out.push(...(env.checkTerm?.(t.type, t.params ?? {}, `${at}.params`, `${at}.type`) ?? []));
    });
    if (out.length === 0 && v.every((t) => (t as LossParams).weight === 0)) out.push(`${path}: every weight is 0; give a term a weight > 0`);
    return out;
  },
};

/** Terms with a weight above 0, as [type, params] pairs (params as written). */
export function activeTerms(p: LossParams): [string, LossParams][] {
  const terms = Array.isArray(p.terms) ? p.terms.filter(isPlainObject) : [];
  return terms.filter((t) => (t.weight ?? 1) !== 0).map((t) => [t.type as string, (isPlainObject(t.params) ? t.params : {}) as LossParams]);
}

export const LOSS_SPECS = {
  crf: {
    label: 'CRF negative log-likelihood',
    params: {},
    needsCrf: true,
    includesCrf: always,
    trainsEmissions: always,
  },
  cross_entropy: {
    label: 'Cross-entropy',
    params: { class_weights: perLabelParam('weight of each gold label in the token average (default 1 each)', false) },
    trainsEmissions: always,
    checkData: (p, path, data) => perLabelDataProblems(p.class_weights, `${path}.class_weights`, data.labels, data.labelCounts),
  },
  label_smoothing: {
    label: 'Label smoothing',
    params: { epsilon: epsilon('share of the target spread evenly over all labels') },
    trainsEmissions: always,
  },
  embedding_label_smoothing: {
    label: 'Label smoothing with learned label embeddings',
    params: {
      label_emb_dim: numberParam('size of each label embedding', 16, { min: 1, max: 1024, integer: true }),
      smoothing_alpha: numberParam('temperature of the softmax over label similarities (smaller: sharper)', 0.5, { min: 0, minOpen: true, max: 100 }),
      epsilon: epsilon('share of the target taken from the similarity distribution; the rest is the one-hot gold label'),
      embedding_weight: numberParam('weight of the term that fits the embeddings to the model’s predictions', 1, { min: 0, minOpen: true }),
    },
    trainsEmissions: always,
  },
  focal: {
    label: 'Focal loss',
    params: {
      gamma: numberParam('focusing exponent: (1 - p)^gamma down-weights easy tokens; 0 is cross-entropy', 2, { min: 0, max: 10 }),
      alpha: perLabelParam("weight per gold label; 'auto' derives it from the training label counts", true),
    },
    trainsEmissions: always,
    checkData: (p, path, data) => perLabelDataProblems(p.alpha, `${path}.alpha`, data.labels, data.labelCounts),
  },
  dice: {
    label: 'Self-adjusting dice loss',
    params: {
      alpha: numberParam('self-adjusting exponent: probabilities enter as (1 - p)^alpha * p; 0 is plain soft dice', 1, { min: 0, max: 10 }),
      smooth: numberParam('smoothing constant gamma added to numerator and denominator', 1, { min: 0, minOpen: true }),
    },
    trainsEmissions: always,
  },
  boundary: {
    label: 'Span overlap (soft IoU)',
    params: { smooth: numberParam('smoothing constant added to intersection and union', 1, { min: 0, minOpen: true }) },
    trainsEmissions: () => false,
    whyNotAlone: 'its soft inside-entity overlap cannot tell B- from I-, so it cannot place entity boundaries by itself',
    checkData: (_p, _path, data, _env, typePath) =>
      entityTypesOf(data.labels).types.length > 0 ? [] : [`${typePath}: 'boundary' scores entity spans per type, but no label names an entity type (labels: ${data.labels.join(', ')})`],
  },
  contrastive: {
    label: 'Contrastive (hidden states)',
    params: {
      margin: numberParam('cosine distance below which tokens of different types are pushed apart', 1, { min: 0, minOpen: true, max: 2 }),
      max_tokens: numberParam('tokens per batch taken into the pairs (half entity tokens, half O, evenly spaced)', 128, { min: 2, max: 4096, integer: true }),
    },
    trainsEmissions: () => false,
    whyNotAlone: 'it shapes the hidden states only, so the emission layer gets no training signal',
  },
  multitask: {
    label: 'Multitask (NER + POS + chunk)',
    params: {
      ner_weight: numberParam('λ1: weight of the NER loss (the CRF likelihood with the CRF on, else cross-entropy)', 1, { min: 0 }),
      pos_weight: numberParam('λ2: weight of the POS head’s cross-entropy (0: no POS head)', 0.5, { min: 0 }),
      chunk_weight: numberParam('λ3: weight of the chunk head’s cross-entropy (0: no chunk head)', 0.5, { min: 0 }),
      pos_column: numberParam('which extra column holds POS tags, counting from 0 after the token', 0, { min: 0, integer: true }),
      chunk_column: numberParam('which extra column holds chunk tags, counting from 0 after the token', 1, { min: 0, integer: true }),
    },
    includesCrf: (p, crf) => crf && (p.ner_weight as number) > 0,
    trainsEmissions: (p) => (p.ner_weight as number) > 0,
    whyNotAlone: 'with ner_weight 0 only the POS and chunk heads train',
    check: (p, path) => {
      if (p.pos_weight === 0 && p.chunk_weight === 0) return [`${path}: pos_weight and chunk_weight are both 0, which is plain NER; choose crf or cross_entropy`];
      if (p.pos_weight !== 0 && p.chunk_weight !== 0 && p.pos_column === p.chunk_column) return [`${path}.chunk_column: is the same column as pos_column (${p.pos_column})`];
      return [];
    },
    checkData: (p, _path, data, _env, typePath) => {
      const need = [p.pos_weight !== 0 ? (p.pos_column as number) : -1, p.chunk_weight !== 0 ? (p.chunk_column as number) : -1];
      const n = data.extraSizes.length;
      if (Math.max(...need) < n) return [];
      return [
        `${typePath}: 'multitask' trains POS and chunk heads on the extra CoNLL columns between token and tag (token POS chunk tag, as CoNLL-2003), ` +
          `and needs column ${Math.max(...need)} (counting from 0), but the training data has ${n === 0 ? 'no extra columns' : `only ${n}`}; load such files or choose another loss`,
      ];
    },
  },
  compound: {
    label: 'Compound (weighted sum)',
    params: { terms: TERMS },
    includesCrf: (p, crf) => activeTerms(p).some(([type, params]) => includesCrfOf(type, params, crf)),
    trainsEmissions: (p, crf) => activeTerms(p).some(([type, params]) => trainsEmissionsOf(type, params, crf)),
    whyNotAlone: 'none of its terms trains the emission scores by itself',
  },
} satisfies Record<string, LossSpec>;

export type LossChoice = keyof typeof LOSS_SPECS;

export function lossSpec(name: string): LossSpec | undefined {
  return Object.hasOwn(LOSS_SPECS, name) ? (LOSS_SPECS as Record<string, LossSpec>)[name] : undefined;
}

/** params as written, with every absent parameter at its default. */
export function withDefaults(name: string, params: LossParams): LossParams {
  const spec = lossSpec(name);
  const out: LossParams = {};
  for (const [k, s] of Object.entries(spec?.params ?? {})) if (s.default !== undefined) out[k] = s.default;
  // `gamma:` with no value (null) in YAML leaves the default, as for every other key.
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** With the CRF on, `name` already contains the CRF likelihood. */
export function includesCrfOf(name: string, params: LossParams, crf: boolean): boolean {
  const spec = lossSpec(name);
  return !!spec?.includesCrf?.(withDefaults(name, params), crf) && crf;
}

export function trainsEmissionsOf(name: string, params: LossParams, crf: boolean): boolean {
  return !!lossSpec(name)?.trainsEmissions(withDefaults(name, params), crf);
}
