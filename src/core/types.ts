/** @file The plain data types every layer shares: sentences, datasets, spans, scores. No DOM, no tfjs. */

/** One sentence of a column file: a token and a tag per position, plus any extra columns (POS, chunk...). */
export interface Sentence {
  tokens: string[];
  tags: string[];
  /** extra[c][i] is extra column c of token i (columns between the token and the tag), when the file had any. */
  extra?: string[][];
  /** 1-based line of the sentence's first token in its file (a JSONL record's line), when it came from a file. */
  line?: number;
}

export type Severity = 'error' | 'warning';

/** A problem found in an input, always naming the file and, where there is one, the 1-based line. */
export interface Diagnostic {
  severity: Severity;
  file: string;
  line?: number;
  message: string;
}

export interface ParsedFile {
  file: string;
  sentences: Sentence[];
  diagnostics: Diagnostic[];
  /** How a column file separated its columns (absent for other formats); files written from it keep this. */
  separator?: 'tab' | 'space';
}

export type SplitName = 'train' | 'dev' | 'test';

export interface Dataset {
  name: string;
  train: Sentence[];
  dev: Sentence[];
  test: Sentence[];
  /** Which file fed which split, for display. */
  sources: { file: string; split: SplitName | 'ratio' }[];
}

/** An entity span over token positions, end exclusive. */
export interface Span {
  type: string;
  start: number;
  end: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold entities. */
  support: number;
}

export interface EntityScores extends Prf {
  perType: Record<string, Prf>;
  /** Token-level accuracy over all tokens. */
  accuracy: number;
}
