/**
 * @file The tiny checkpoints written by scripts/make-tiny-bert.ts, and their PyTorch reference
 * outputs, read from disk for tests. 
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = new URL('./fixtures/hf', import.meta.url).pathname;
export const TINY_CHECKPOINTS = ['tiny-bert', 'tiny-roberta', 'tiny-distilbert'] as const;
export type TinyCheckpoint = (typeof TINY_CHECKPOINTS)[number];

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

export function referenceCases(name: TinyCheckpoint): ReferenceCase[] {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name, 'reference.json'), 'utf8')).cases;
}
