/**
 * @file The `ner` command line: a table of commands, each a module in commands/ with summary, usage and run.
 * Adding a command is adding its file and one line to COMMANDS.
 */
import type { Command } from './command';
import { CliError, UsageError } from './command';
import * as convert from './commands/convert';
import * as evaluate from './commands/evaluate';
import * as exportHf from './commands/exportHf';
import * as exportTorch from './commands/exportTorch';
import * as predict from './commands/predict';
import * as prepareData from './commands/prepareData';
import * as score from './commands/score';
import * as stats from './commands/stats';
import * as train from './commands/train';

export const COMMANDS = { stats, convert, score, 'prepare-data': prepareData, train, evaluate, predict, 'export-hf': exportHf, 'export-torch': exportTorch } satisfies Record<string, Command>;

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
    process.stdout.write(`${COMMANDS[args[0]].usage}\n`);
    return 0;
  }
  if (!isCommand(name)) {
    process.stderr.write(`ner: unknown command ${JSON.stringify(name)}; commands: ${Object.keys(COMMANDS).join(', ')} (see ner --help)\n`);
    return 2;
  }
  const command = COMMANDS[name];
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
