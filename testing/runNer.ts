/** @file Runs the real `ner` executable (bin/ner.mjs) in a child process, for the command-line tests. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NER_BIN = fileURLToPath(new URL('../bin/ner.mjs', import.meta.url));

export interface NerResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** `node bin/ner.mjs ...args` in cwd, with optional standard input; never rejects on a non-zero exit. */
export function runNer(args: string[], cwd: string, input?: string): Promise<NerResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [NER_BIN, ...args], { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

/** A fresh temporary directory holding the given files. */
export function fixtureDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ner-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Every file under `dir` (relative path -> its bytes and mtime), to prove a command left inputs and earlier outputs alone. */
export function snapshot(dir: string): Record<string, { bytes: Buffer; mtimeMs: number }> {
  const out: Record<string, { bytes: Buffer; mtimeMs: number }> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = { bytes: readFileSync(join(dir, rel)), mtimeMs: statSync(join(dir, rel)).mtimeMs };
    }
  };
  walk('');
  return out;
}
