/** @file Messages between the benchmark page and its worker (one worker per backend). */
import type { BenchRun } from '../train/benchReport';

export interface BenchRequest {
  /** *-unfused: the backend with the fused kernels off (model/fused), the ops as they were before them, to compare. */
  backend: 'webgpu' | 'webgpu-unfused' | 'wasm' | 'wasm-unfused';
  presets: string[];
  /** The training file's text and name; the worker parses it as the Node side does. */
  text: string;
  file: string;
  /** The pretrained encoder's tokenizer files as text (tokenizer.json, tokenizer_config.json), for bert-mini / bert-base. */
  tokenizer?: Record<string, string>;
  batchSize: number;
  steps: number;
  /** At most this many measured steps (one warm-up, a tenth of the sentences to tag) on a software WebGPU adapter. */
  slowSteps: number;
  warmupSteps: number;
  predictSentences: number;
  /** Pretrained backbones (train/backboneBench.ts); a narrow twin on a software WebGPU adapter. */
  backbones?: string[];
  backboneSteps?: number;
}

export type BenchResponse =
  | { type: 'adapter'; description: string }
  | { type: 'run'; run: BenchRun }
  | { type: 'skip'; preset: string; reason: string }
  | { type: 'done' }
  | { type: 'failed'; reason: string };
