/**
 * @file The `ner` command line: a table of commands, each a module in commands/ with its usage and run.
 * Adding a command is adding its file and one line to COMMANDS.
 */
import type { Command } from './command';
import { CliError, UsageError } from './command';

/**
 * Every command by name: a line for `ner --help`, and its module (usage and run), loaded only when that command runs,
 * so `ner stats` or `ner score` never pays for loading TensorFlow.js, which only the commands with a model need.
 */
export const COMMANDS = {
  stats: { summary: 'sentences, tokens, entities per type and length distributions of data files', load: () => import('./commands/stats') },
  convert: { summary: 'convert the tags of a file to another scheme (IOB1, IOB2, BIOES, BILOU)', load: () => import('./commands/convert') },
  score: { summary: 'entity precision, recall and F1 of a file with gold and predicted tag columns', load: () => import('./commands/score') },
  'prepare-data': { summary: 'read, check and split the data of a run file, with statistics', load: () => import('./commands/prepareData') },
  train: { summary: 'train a tagger from a run file; writes checkpoint.zip and metrics.csv', load: () => import('./commands/train') },
  evaluate: { summary: "a checkpoint's entity precision, recall and F1 on a data file (the JSON of ner score)", load: () => import('./commands/evaluate') },
  predict: { summary: 'tag a data file with a checkpoint; writes token, gold and predicted columns', load: () => import('./commands/predict') },
  study: { summary: 'run a named study (studies/NAME.yaml) resumably; writes tables and plots to studies/results/NAME/', load: () => import('./commands/study') },
  'export-hf': { summary: 'write a pretrained-model run as a Hugging Face token-classification folder', load: () => import('./commands/exportHf') },
  'export-torch': { summary: 'write a run as a PyTorch project (prepared data + Python package) for torchrun', load: () => import('./commands/exportTorch') },
} satisfies Record<string, { summary: string; load: () => Promise<Command> }>;

export type CommandName = keyof typeof COMMANDS;

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: ner COMMAND [ARGS...]

Named entity recognition data tools, training and evaluation: the same code the studio runs.

commands:
${rows.join('\n')}

ner help COMMAND (or ner COMMAND --help) describes one command.
`;
}

/** Runs one command line; resolves to the exit status. Never throws: every failure is a message on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(overview());
    return 2;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && args.length === 0)) {
    process.stdout.write(overview());
    return 0;
  }
  if (name === 'help') {
    if (!isCommand(args[0])) {
      process.stderr.write(`ner: no command ${JSON.stringify(args[0])}; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
      return 2;
    }
    process.stdout.write(`${(await COMMANDS[args[0]].load()).usage}\n`);
    return 0;
  }
  if (!isCommand(name)) {
    process.stderr.write(`ner: unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(', ')} (see ner --help)\n`);
    return 2;
  }
  const command = await COMMANDS[name].load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run([...args]);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`ner ${name}: ${e.message}\n${command.usage.split('\n')[0]}\n`);
    } else if (e instanceof CliError) {
      process.stderr.write(`ner ${name}: ${e.message}\n`);
    } else {
      process.stderr.write(`ner ${name}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      return 70; // EX_SOFTWARE: a bug, not bad input
    }
    return e.status;
  }
}
