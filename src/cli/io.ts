/** @file File and terminal plumbing shared by the `ner` commands: reading inputs, printing diagnostics, number formats. */
import { parseFile, type ParsedInput, type ParseOptions } from '../core/formats';
import type { Diagnostic } from '../core/types';
import { CliError } from './command';
import { inputName, parseInputFile, readInput } from './input';

export { readInput };

/** Diagnostics go to stderr, one a line, so stdout stays clean data. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${d.severity}: ${d.message}\n`);
}

/**
 * Reads and parses one input file (streamed, unless its text is given), printing its diagnostics. A file that
 * yields no sentences ends the command: its errors have already been printed, so the CliError carries a short summary.
 */
export function loadFile(path: string, options: ParseOptions = {}, text?: string): ParsedInput {
  const parsed = text === undefined ? parseInputFile(path, options) : parseFile(text, inputName(path), options);
  reportDiagnostics(parsed.diagnostics);
  if (parsed.sentences.length === 0) throw new CliError(`${parsed.file}: nothing to read`);
  return parsed;
}

/** Label names for class-id tags, from `--labels PER,LOC,...`. */
export const splitLabels = (labels: string | undefined) => labels?.split(',').map((l) => l.trim());

export const count = (n: number) => n.toLocaleString('en-US');
export const percent = (x: number) => `${(100 * x).toFixed(2)}%`;

/** "1m05s", "42s": time left on a progress line. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}
