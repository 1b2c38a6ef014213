/**
 * @file Typed reads of config.json keys, each failure naming the key and what it held, shared by
 * the architectures' config readers (bert/, llama/, modernbert/, deberta/ config.ts).
 */

export type Json = Record<string, unknown>;

export interface ConfigValues {
  /** A non-negative integer; `fallback` when the key is absent (or null). */
  int(key: string, fallback?: number): number;
  /** A finite number. */
  num(key: string, fallback?: number): number;
  bool(key: string, fallback: boolean): boolean;
  /** A string, optionally one of `allowed`, named in the refusal. */
  str(key: string, fallback: string, allowed?: readonly string[], why?: string): string;
  /** The raw value, null when absent. */
  raw(key: string): unknown;
}

export function configValues(c: Json): ConfigValues {
  const get = (key: string, fallback: unknown) => (c[key] === undefined || c[key] === null ? fallback : c[key]);
  return {
    int(key, fallback) {
      const v = get(key, fallback);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`config.json: '${key}' must be a non-negative integer, got ${JSON.stringify(v)}`);
      return v;
    },
    num(key, fallback) {
      const v = get(key, fallback);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`config.json: '${key}' must be a number, got ${JSON.stringify(v)}`);
      return v;
    },
    bool(key, fallback) {
      const v = get(key, fallback);
      if (typeof v !== 'boolean') throw new Error(`config.json: '${key}' must be true or false, got ${JSON.stringify(v)}`);
      return v;
    },
    str(key, fallback, allowed, why) {
      const v = get(key, fallback);
      if (typeof v !== 'string') throw new Error(`config.json: '${key}' must be a string, got ${JSON.stringify(v)}`);
      if (allowed && !allowed.includes(v)) throw new Error(`config.json: ${key} '${v}' is not supported (${why ?? `only ${allowed.join(', ')}`})`);
      return v;
    },
    raw: (key) => get(key, null),
  };
}
