import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { UsageError } from './command';

const spec = {
  options: {
    json: { type: 'boolean' },
    to: { type: 'string', choices: ['iob1', 'iob2'] },
    output: { type: 'string', short: 'o' },
    set: { type: 'strings' },
  },
  positionals: { name: 'FILE', min: 1, max: 2 },
} as const;

describe('parseArgs', () => {
  it.each<[string, string[], object, string[]]>([
    ['positionals only, defaults', ['a.txt'], { json: false, to: undefined, output: undefined, set: [] }, ['a.txt']],
    ['flags anywhere', ['--json', 'a.txt', '--to', 'iob2'], { json: true, to: 'iob2', output: undefined, set: [] }, ['a.txt']],
    ['--name=value and a short alias', ['a.txt', '--to=IOB1', '-o', 'out.txt'], { json: false, to: 'iob1', output: 'out.txt', set: [] }, ['a.txt']],
    ['- is standard input', ['-', '-o', '-'], { json: false, to: undefined, output: '-', set: [] }, ['-']],
    ['a repeatable option keeps every value in order', ['a.txt', '--set', 'x=1', '--set=y=2'], { json: false, to: undefined, output: undefined, set: ['x=1', 'y=2'] }, ['a.txt']],
    ['-- ends the options', ['--', '--json'], { json: false, to: undefined, output: undefined, set: [] }, ['--json']],
  ])('%s', (_name, argv, options, positionals) => {
    expect(parseArgs(argv, spec)).toEqual({ options, positionals });
  });

  it.each<[string[], string]>([
    [['a.txt', '--frobnicate'], 'unknown option --frobnicate'],
    [['a.txt', '-x'], 'unknown option -x'],
    [['a.txt', '--to'], '--to needs a value: iob1, iob2'],
    [['a.txt', '--to', '--json'], '--to needs a value: iob1, iob2'],
    [['a.txt', '--to', 'bilou'], '--to must be one of iob1, iob2, not "bilou"'],
    [['a.txt', '--json=yes'], '--json takes no value'],
    [[], 'missing FILE'],
    [['a', 'b', 'c'], 'expected at most 2 FILEs, got 3: a b c'],
  ])('%j -> %s', (argv, message) => {
    expect(() => parseArgs(argv, spec)).toThrow(new UsageError(message));
    try {
      parseArgs(argv, spec);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).status).toBe(2);
    }
  });
});
