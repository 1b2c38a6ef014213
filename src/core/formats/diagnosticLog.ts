/** @file Collects one file's diagnostics, capping the per-line ones so a badly broken file still gives a readable report. */
import type { Diagnostic, Severity } from '../types';

export interface DiagnosticLog {
  /** Adds `${file} line ${line} ${text}` (or `${file}: ${text}` without a line); past the cap, only counts it. */
  add(severity: Severity, text: string, line?: number): void;
  /** The diagnostics so far plus one "N more" line per severity that went over the cap. */
  finish(): Diagnostic[];
}

export function diagnosticLog(file: string, cap = 20): DiagnosticLog {
  const diagnostics: Diagnostic[] = [];
  const shown = { error: 0, warning: 0 };
  const hidden = { error: 0, warning: 0 };
  return {
    add(severity, text, line) {
      if (++shown[severity] > cap) {
        hidden[severity]++;
        return;
      }
      const message = line !== undefined ? `${file} line ${line} ${text}` : `${file}: ${text}`;
      diagnostics.push({ severity, file, ...(line !== undefined ? { line } : {}), message });
    },
    finish() {
      const summaries: Diagnostic[] = (['error', 'warning'] as const)
        .filter((s) => hidden[s] > 0)
        .map((s) => ({ severity: s, file, message: `${file}: ${hidden[s]} more ${s}s like these, not listed` }));
      return [...diagnostics, ...summaries];
    },
  };
}
