/**
 * @file Training sentences longer than a limit, split into parts. One 10,000-token sentence made a single training
 * step take minutes (a BiLSTM steps through every token; a batch pads to its longest sentence). Cuts fall between
 * entities, never inside one, so the parts hold exactly the entities of the whole; only an entity longer than the
 * limit itself is cut, at the limit.
 */
import { getSpans } from '../tags/tags';
import type { Diagnostic, Sentence } from '../types';
import type { LineOf } from '../tags/schemeCheck';

/** The default limit (RunYamlData.maxSentenceLength). */
export const MAX_SENTENCE_LENGTH = 256;

/** Token positions where a sentence may be cut: not inside an entity of the conlleval reading. */
function cuttable(tags: readonly string[]): Uint8Array {
  const ok = new Uint8Array(tags.length + 1).fill(1);
  for (const { start, end } of getSpans([...tags])) for (let i = start + 1; i < end; i++) ok[i] = 0;
  return ok;
}

/** Where to cut a sentence of `tags` so no part is longer than `max`: the last cut allowed in each stretch. */
export function cutPoints(tags: readonly string[], max: number): number[] {
  const ok = cuttable(tags);
  const cuts: number[] = [];
  let start = 0;
  while (tags.length - start > max) {
    let cut = start + max;
    while (cut > start && !ok[cut]) cut--;
    if (cut === start) cut = start + max; // an entity longer than the limit: cut it at the limit
    cuts.push(cut);
    start = cut;
  }
  return cuts;
}

/** Tokens [start, end) of a sentence; `line` is the first token's line (given by the caller's LineOf). */
function part(s: Sentence, start: number, end: number, line: number | undefined): Sentence {
  const out: Sentence = { tokens: s.tokens.slice(start, end), tags: s.tags.slice(start, end) };
  if (s.extra) out.extra = s.extra.map((column) => column.slice(start, end));
  if (line !== undefined) out.line = line;
  return out;
}

export interface LongSentenceSplit {
  sentences: Sentence[];
  /** One warning naming the lines of the sentences split, or none. */
  diagnostics: Diagnostic[];
}

/**
 * Splits every sentence longer than `max` tokens (0: none) into parts of at most `max`; `where` names the file (or
 * split) in the warning, and `lineOf` turns a token into its line, so the warning names each long sentence's line.
 */
export function splitLongSentences(sentences: readonly Sentence[], max: number, where: string, lineOf: LineOf): LongSentenceSplit {
  if (max <= 0 || sentences.every((s) => s.tokens.length <= max)) return { sentences: [...sentences], diagnostics: [] };
  const out: Sentence[] = [];
  const long: { line: number | undefined; length: number; parts: number }[] = [];
  for (const s of sentences) {
    if (s.tokens.length <= max) {
      out.push(s);
      continue;
    }
    const edges = [0, ...cutPoints(s.tags, max), s.tokens.length];
    for (let k = 0; k + 1 < edges.length; k++) out.push(part(s, edges[k], edges[k + 1], lineOf(s, edges[k])));
    long.push({ line: lineOf(s, 0), length: s.tokens.length, parts: edges.length - 1 });
  }
  const shown = long.slice(0, 5).map((l) => (l.line !== undefined ? `line ${l.line}: ${l.length} tokens in ${l.parts} parts` : `${l.length} tokens in ${l.parts} parts`));
  const more = long.length > shown.length ? `, and ${long.length - shown.length} more` : '';
  const message =
    `${where}: ${long.length} ${long.length === 1 ? 'sentence is' : 'sentences are'} longer than ${max} tokens and ${long.length === 1 ? 'was' : 'were'} split ` +
    `between entities for training (${shown.join('; ')}${more}); data.max_sentence_length sets the limit`;
  return { sentences: out, diagnostics: [{ severity: 'warning', file: where, ...(long[0].line !== undefined ? { line: long[0].line } : {}), message }] };
}
