/**
 * @file Which loss choices can train, and how a loss combines with the CRF. Pure, so the studio and
 * the YAML reader refuse a choice before training, with the reason, naming the key.
 *
 * The CRF rule: with the CRF on, a loss that does not already contain the CRF likelihood gets
 * `crf_weight` (default 1) times the CRF negative log-likelihood added, so the transitions that
 * Viterbi decodes with are trained, and token-level losses act on the emission scores next to it.
 * The losses that contain it are `crf`, `multitask` with ner_weight > 0 (its NER term is the CRF
 * likelihood), and a `compound` with such a term (then no extra CRF term: write the weight on the term).
 *
 * Refused: an unknown or ill-typed parameter; `crf` (also as a compound term) with the CRF off;
 * a compound with no terms, all weights 0, or terms that refer back to an enclosing compound (a YAML
 * alias cycle); `crf_weight` with the CRF off or on a loss that already contains the CRF; and a loss
 * that gives the emission scores no training signal of their own (`boundary`, `contrastive`,
 * multitask with ner_weight 0, compounds of only those) unless the CRF term is there. Against the
 * data (lossDataProblems): per-label values that do not fit the labels, `boundary` without entity
 * labels, `multitask` without the extra columns it reads.
 */
import type { LossData } from './lossData';
import { isPlainObject, numberProblem, showValue, type LossParams, type ParamEnv } from './lossParams';
import { includesCrfOf, lossSpec, trainsEmissionsOf, withDefaults } from './lossSpecs';

const MAX_DEPTH = 8;
const ROOT = 'lossParams';

function checkLoss(name: string, params: unknown, path: string, typePath: string, crf: boolean, stack: readonly object[]): string[] {
  const spec = lossSpec(name)!;
  if (!isPlainObject(params)) return [`${path}: must be a mapping of ${name}'s parameters, got ${showValue(params)}`];
  if (stack.includes(params)) return [`${path}: refers back to an enclosing compound (a YAML alias cycle); write the terms out`];
  if (stack.length >= MAX_DEPTH) return [`${path}: compounds nested more than ${MAX_DEPTH} deep`];
  const out: string[] = [];
  if (spec.needsCrf && !crf) out.push(`${typePath}: '${name}' needs the CRF; turn CRF on or choose cross_entropy`);
  const known = Object.keys(spec.params);
  for (const k of Object.keys(params)) {
    if (known.includes(k)) continue;
    const takes = known.length > 0 ? `it takes ${known.join(', ')}` : 'it takes none';
    const hint = k === 'crf_weight' && path !== ROOT ? '; crf_weight belongs in the params of the loss itself, not of a term' : '';
    out.push(`${path}.${k}: ${name} has no parameter '${k}' (${takes})${hint}`);
  }
  const env: ParamEnv = {
    crf,
    checkTerm: (type, p, at, tp) => checkLoss(type, p, at, tp, crf, [...stack, params]),
  };
  for (const [k, s] of Object.entries(spec.params)) {
    const v = params[k];
    if (v === undefined || v === null) {
      if (s.required) out.push(`${path}.${k}: missing; ${s.doc}`);
    } else out.push(...s.check(v, `${path}.${k}`, env));
  }
  if (out.length === 0 && spec.check) out.push(...spec.check(withDefaults(name, params), path, env, typePath));
  return out;
}

/**
 * Every problem with `loss` and its `params` under model.crf = `crf`, each starting with its key
 * ('lossParams.gamma: must be ≥ 0', 'loss: ...'); empty when they can train. An unknown loss name is
 * left to the caller (validateConfig names the choices).
 */
export function lossParamProblems(loss: string, params: unknown, crf: boolean): string[] {
  if (!lossSpec(loss)) return [];
  if (!isPlainObject(params)) return [`${ROOT}: must be a mapping of the loss's parameters, got ${showValue(params)}`];
  const { crf_weight: crfWeight, ...own } = params;
  // The params as written start the stack: a term that refers back to them is the cycle (own is a copy).
  const problems = checkLoss(loss, own, ROOT, 'loss', crf, [params]);
  if (problems.length > 0) return problems;
  const contains = includesCrfOf(loss, own, crf);
  if (crfWeight !== undefined && crfWeight !== null) {
    if (!crf) problems.push(`${ROOT}.crf_weight: only used with the CRF on (crf: true), to weigh its likelihood next to ${loss}`);
    else if (contains) problems.push(`${ROOT}.crf_weight: ${loss} already contains the CRF likelihood, so no CRF term is added to weigh`);
    else {
      const p = numberProblem(crfWeight, { min: 0 });
      if (p) problems.push(`${ROOT}.crf_weight: ${p}`);
    }
  }
  if (problems.length === 0 && !trainsEmissionsOf(loss, own, crf) && crfTermWeight(loss, params, crf) === 0) {
    const why = lossSpec(loss)!.whyNotAlone ?? 'it does not train the emission scores';
    const fix = crf ? 'set crf_weight above 0' : 'turn the CRF on (its likelihood is then added)';
    problems.push(`loss: '${loss}' cannot be the only loss: ${why}; ${fix}, or use it in a compound next to a token loss such as cross_entropy`);
  }
  return problems;
}

/**
 * Weight of the CRF negative log-likelihood that the CRF rule adds to `loss`: crf_weight (default 1)
 * with the CRF on and a loss that does not contain it already, else 0.
 */
export function crfTermWeight(loss: string, params: LossParams, crf: boolean): number {
  if (!crf || includesCrfOf(loss, params, crf)) return 0;
  return typeof params.crf_weight === 'number' ? params.crf_weight : 1;
}

function checkData(name: string, params: LossParams, path: string, typePath: string, data: LossData, env: ParamEnv): string[] {
  const spec = lossSpec(name)!;
  const out = spec.checkData?.(withDefaults(name, params), path, data, env, typePath) ?? [];
  if (name === 'compound') {
    (params.terms as LossParams[]).forEach((t, i) => {
      const at = `${path}.terms[${i}]`;
      out.push(...checkData(t.type as string, (t.params ?? {}) as LossParams, `${at}.params`, `${at}.type`, data, env));
    });
  }
  return out;
}

/**
 * Problems of a loss choice against the data it would train on (labels, label counts, extra
 * columns), keyed as lossParamProblems'. Empty when lossParamProblems already has problems: those
 * come first.
 */
export function lossDataProblems(loss: string, params: unknown, crf: boolean, data: LossData): string[] {
  if (!lossSpec(loss) || lossParamProblems(loss, params, crf).length > 0) return [];
  return checkData(loss, params as LossParams, ROOT, 'loss', data, { crf });
}
