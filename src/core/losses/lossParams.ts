/**
 * @file The kinds of value a loss parameter takes (a bounded number, a value per label) and their
 * checks. Pure: every message starts with the parameter's key path ('lossParams.gamma: must be ≥ 0'),
 * which core/yamlConfig.ts turns into the file's path ('model.loss.params.gamma').
 */

export type LossParams = Record<string, unknown>;

/** What a parameter check knows besides the value. */
export interface ParamEnv {
  /** model.crf */
  crf: boolean;
  /** Checks one term of a compound (lossRules.ts sets it: it knows every loss and the enclosing compounds). */
  checkTerm?(type: string, params: unknown, path: string, typePath: string): string[];
}

export interface ParamSpec {
  /** One line: what it does (README, the studio's help). */
  doc: string;
  /** Taken when the key is absent; undefined: optional with no default, or required (see `required`). */
  default?: unknown;
  required?: boolean;
  /** Problems with a present value, each starting with `path`. */
  check(value: unknown, path: string, env: ParamEnv): string[];
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const showValue = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));

interface Bounds {
  min?: number;
  /** min itself is not allowed. */
  minOpen?: boolean;
  max?: number;
  maxOpen?: boolean;
  integer?: boolean;
}

/** Why `v` is not a number within `b`; null when it is. Messages read as '… must be ≥ 0'. */
export function numberProblem(v: unknown, b: Bounds): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a number, got ${showValue(v)}`;
  if (b.integer && !Number.isInteger(v)) return `must be a whole number, got ${v}`;
  if (b.min !== undefined && (b.minOpen ? v <= b.min : v < b.min)) return `must be ${b.minOpen ? '>' : '≥'} ${b.min}, got ${v}`;
  if (b.max !== undefined && (b.maxOpen ? v >= b.max : v > b.max)) return `must be ${b.maxOpen ? '<' : '≤'} ${b.max}, got ${v}`;
  return null;
}

export function numberParam(doc: string, def: number, bounds: Bounds): ParamSpec {
  return {
    doc,
    default: def,
    check: (v, path) => {
      const p = numberProblem(v, bounds);
      return p ? [`${path}: ${p}`] : [];
    },
  };
}

/**
 * A value per label: a list of numbers in label order (one per label of the data), or a mapping
 * from label name to number (labels left out get 1), or, where `auto` is allowed, 'auto' for
 * weights derived from the training data's label counts (see lossData.ts balancedLabelWeights).
 */
export function perLabelParam(doc: string, auto: boolean): ParamSpec {
  const shape = `a list of numbers in label order, or a mapping label: number${auto ? ", or 'auto'" : ''}`;
  return {
    doc,
    check: (v, path) => {
      if (v === 'auto' && auto) return [];
      if (Array.isArray(v)) {
        if (v.length === 0) return [`${path}: must not be empty`];
        return v.flatMap((x, i) => {
          const p = numberProblem(x, { min: 0 });
          return p ? [`${path}[${i}]: ${p}`] : [];
        });
      }
      if (isPlainObject(v)) {
        return Object.entries(v).flatMap(([label, x]) => {
          const p = numberProblem(x, { min: 0 });
          return p ? [`${path}.${label}: ${p}`] : [];
        });
      }
      return [`${path}: must be ${shape}, got ${showValue(v)}`];
    },
  };
}

/** Problems of a per-label value against the data's labels (the list's length, the mapping's names). */
export function perLabelDataProblems(v: unknown, path: string, labels: readonly string[], counts: readonly number[] | undefined): string[] {
  if (v === 'auto') return counts ? [] : [`${path}: 'auto' needs the training data's label counts, which this vocabulary lacks (a checkpoint from an older version); give the values instead`];
  if (Array.isArray(v) && v.length !== labels.length) {
    return [`${path}: has ${v.length} values but the data has ${labels.length} labels (${labels.join(', ')})`];
  }
  if (isPlainObject(v)) {
    return Object.keys(v)
      .filter((l) => !labels.includes(l))
      .map((l) => `${path}.${l}: no such label (labels: ${labels.join(', ')})`);
  }
  return [];
}
