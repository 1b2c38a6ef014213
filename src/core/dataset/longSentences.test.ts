import { describe, expect, it } from 'vitest';
import { columnLineOf } from '../tags/schemeCheck';
import { getSpans } from '../tags/tags';
import type { Sentence } from '../types';
import { cutPoints, splitLongSentences } from './longSentences';

/** A sentence of n tokens with an entity of `width` tokens every `every` tokens. */
function longSentence(n: number, every: number, width: number, line = 1): Sentence {
  const tags = Array.from({ length: n }, (_, i) => (i % every === 0 ? 'B-X' : i % every < width ? 'I-X' : 'O'));
  return { tokens: tags.map((_, i) => `w${i}`), tags, line, extra: [tags.map(() => 'NN')] };
}

describe('long training sentences', () => {
  it.each<[string, Sentence, number]>([
    ['5,000 tokens, short entities', longSentence(5000, 7, 3), 256],
    ['entities right at every would-be cut', longSentence(1000, 16, 5), 16],
    ['an entity longer than the limit is cut at the limit', longSentence(40, 100, 40), 16],
    ['all O', { tokens: Array(600).fill('w'), tags: Array(600).fill('O'), line: 3 }, 256],
  ])('%s: parts within the limit, same tokens, entities cut only where one is longer than the limit', (_name, s, max) => {
    const { sentences, diagnostics } = splitLongSentences([s], max, 'train.txt', columnLineOf);
    expect(sentences.every((p) => p.tokens.length <= max && p.tokens.length > 0)).toBe(true);
    expect(sentences.flatMap((p) => p.tokens)).toEqual(s.tokens);
    expect(sentences.flatMap((p) => p.tags)).toEqual(s.tags);
    expect(sentences.flatMap((p) => p.extra?.[0] ?? [])).toEqual(s.extra?.[0] ?? []);
    // Each part's line is its first token's line.
    let at = 0;
    for (const p of sentences) {
      expect(p.line).toBe(s.line! + at);
      at += p.tokens.length;
    }
    const longest = Math.max(...getSpans(s.tags).map((x) => x.end - x.start), 0);
    if (longest <= max) {
      const whole = getSpans(s.tags).map((x) => `${x.type} ${x.start}`);
      let offset = 0;
      const parts = sentences.flatMap((p) => {
        const spans = getSpans(p.tags).map((x) => `${x.type} ${x.start + offset}`);
        offset += p.tokens.length;
        return spans;
      });
      expect(parts).toEqual(whole);
    }
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', file: 'train.txt', line: s.line })]);
    expect(diagnostics[0].message).toMatch(new RegExp(`^train\\.txt: 1 sentence is longer than ${max} tokens and was split between entities for training \\(line ${s.line}: ${s.tokens.length} tokens in ${sentences.length} parts\\)`));
  });

  it('leaves sentences within the limit, and everything with limit 0, alone', () => {
    const s = longSentence(300, 7, 3);
    expect(splitLongSentences([s], 300, 'x', columnLineOf)).toEqual({ sentences: [s], diagnostics: [] });
    expect(splitLongSentences([s], 0, 'x', columnLineOf)).toEqual({ sentences: [s], diagnostics: [] });
    expect(cutPoints(s.tags, 300)).toEqual([]);
  });

  it('names at most five lines and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, k) => longSentence(20, 5, 2, 100 * k + 1));
    const { diagnostics } = splitLongSentences(many, 10, 'train.txt', columnLineOf);
    expect(diagnostics[0].message).toMatch(/8 sentences are longer than 10 tokens .*line 1: .*line 401: 20 tokens in 2 parts, and 3 more\)/);
  });
});
