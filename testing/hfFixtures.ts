/**
 * @file The tiny checkpoints written by scripts/make-tiny-bert.ts and scripts/make-tiny-backbones.ts,
 * and their PyTorch reference outputs (scripts/bert_reference.py, scripts/backbone_reference.py),
 * read from disk for tests; and how to run that Python where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = new URL('./fixtures/hf', import.meta.url).pathname;
export const TINY_CHECKPOINTS = ['tiny-bert', 'tiny-roberta', 'tiny-distilbert'] as const;
export const TINY_BACKBONES = ['tiny-llama', 'tiny-mistral', 'tiny-qwen2', 'tiny-modernbert', 'tiny-deberta-v3', 'tiny-deberta-v2'] as const;
export const TINY_DECODERS = ['tiny-llama', 'tiny-mistral', 'tiny-qwen2'] as const;
export type TinyBackbone = (typeof TINY_BACKBONES)[number];
export type TinyCheckpoint = (typeof TINY_CHECKPOINTS)[number] | TinyBackbone;

export interface ReferenceCase {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids: number[][] | null;
  last_hidden_state: number[][][];
}

/** The checkpoint's files (reference.json left out), as a person would drop them. */
export function tinyCheckpointFiles(name: TinyCheckpoint): Map<string, Uint8Array> {
  const dir = join(FIXTURES_DIR, name);
  return new Map(
    readdirSync(dir)
      .filter((f) => f !== 'reference.json')
      .map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]),
  );
}

export type TinyBert = (typeof TINY_CHECKPOINTS)[number];

export function referenceCases(name: TinyBert): ReferenceCase[] {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name, 'reference.json'), 'utf8')).cases;
}

/** scripts/backbone_reference.py's reference.json of a tiny backbone. */
export interface BackboneReference {
  cases: {
    input_ids: number[][];
    attention_mask: number[][];
    token_type_ids?: number[][] | null;
    /** [B, T, H]: what the token classifier reads (causal attention for decoders). */
    features: number[][][];
    /** Decoders: the same with the causal mask lifted. */
    features_bidirectional?: number[][][];
  }[];
  special_tokens: { before: number[]; after: number[] };
  words: { word: string; ids: number[] }[];
  /** DeBERTa: the log buckets of i - j = -511..511 at 256 buckets and 512 positions. */
  log_buckets_256_512?: number[];
}

export function backboneReference(name: TinyBackbone): BackboneReference {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name, 'reference.json'), 'utf8'));
}

/** Debian's python with torch, as README says; OpenBLAS variables of the shell are dropped for it. */
export const PYTHON = '/usr/bin/python3';

function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

let torchChecked: boolean | null = null;

/** Whether /usr/bin/python3 imports torch; the Python reference tests are skipped where it does not. */
export function hasTorch(): boolean {
  if (torchChecked === null) torchChecked = spawnSync(PYTHON, ['-c', 'import torch'], { env: pythonEnv(), stdio: 'ignore' }).status === 0;
  return torchChecked;
}

/** Runs a script of scripts/ with /usr/bin/python3; its stdout, or an error with its stderr. */
export function runPython(script: string, args: string[]): string {
  const result = spawnSync(PYTHON, [new URL(`../scripts/${script}`, import.meta.url).pathname, ...args], { env: pythonEnv(), encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
