/**
 * @file The one argument parser every `ner` command uses: long options (`--to iob2`, `--to=iob2`), one-letter
 * aliases (`-o OUT`), boolean flags, repeatable options (`--set a=1 --set b=2`), options with a fixed set of values,
 * and positionals. Anything else is a UsageError whose message names the offending argument.
 */
import { UsageError } from './command';

export interface OptionSpec {
  /** 'strings': may be given more than once; the values in order. */
  type: 'boolean' | 'string' | 'strings';
  /** One-letter alias, without the dash. */
  short?: string;
  /** The values a string option accepts, compared case-insensitively and returned in the case given here. */
  choices?: readonly string[];
}

export interface ArgSpec {
  options: Record<string, OptionSpec>;
  /** How many positionals, and what to call them in messages. */
  positionals: { name: string; min: number; max: number };
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : O[K]['type'] extends 'strings' ? string[] : string | undefined;
};

export interface ParsedArgs<O extends Record<string, OptionSpec>> {
  options: Values<O>;
  positionals: string[];
}

export function parseArgs<S extends ArgSpec>(argv: readonly string[], spec: S): ParsedArgs<S['options']> {
  const options: Record<string, boolean | string | string[] | undefined> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = o.type === 'boolean' ? false : o.type === 'strings' ? [] : undefined;
  const byShort = new Map(Object.entries(spec.options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const positionals: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg); // '-' is standard input
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const name = written.startsWith('--') ? written.slice(2) : byShort.get(written.slice(1));
    const o = name === undefined ? undefined : spec.options[name];
    if (name === undefined || !o) throw new UsageError(`unknown option ${written}`);
    if (o.type === 'boolean') {
      if (eq > 0) throw new UsageError(`${written} takes no value`);
      options[name] = true;
      continue;
    }
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('-') && value !== '-')) {
      throw new UsageError(`${written} needs a value${o.choices ? `: ${o.choices.join(', ')}` : ''}`);
    }
    if (o.choices) {
      const match = o.choices.find((c) => c.toLowerCase() === value!.toLowerCase());
      if (!match) throw new UsageError(`${written} must be one of ${o.choices.join(', ')}, not ${JSON.stringify(value)}`);
      value = match;
    }
    if (o.type === 'strings') (options[name] as string[]).push(value);
    else options[name] = value;
  }

  const { name, min, max } = spec.positionals;
  if (positionals.length < min) throw new UsageError(`missing ${name}`);
  if (positionals.length > max) {
    const expected = max === 1 ? `one ${name}` : `at most ${max} ${name}s`;
    throw new UsageError(`expected ${expected}, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  return { options: options as Values<S['options']>, positionals };
}
