import { describe, expect, it } from 'vitest';
import { prepareTexts } from './finish';

// IOB1: I- starts an entity; B- only where one entity directly follows another of the same type.
const iob1 = ['Anna I-PER', 'Berg I-PER', 'met I-PER', 'in O', 'Oslo I-LOC', 'Lima B-LOC', '.', ''].map((l) => (l === '.' ? '. O' : l)).join('\n');

describe('prepareTexts', () => {
  it('converts an IOB1 split to IOB2 with a warning, keeping the entities', () => {
    const { dataset, diagnostics } = prepareTexts('t', [
      { name: 'train.txt', text: iob1 },
      { name: 'dev.txt', text: iob1 },
    ]);
    expect(dataset!.text.train.tags[0]).toEqual(['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'O']);
    expect(dataset!.summary.splits.train.entities).toEqual({ PER: 1, LOC: 2 });
    expect(dataset!.vocab.labels).toEqual(['O', 'B-LOC', 'B-PER', 'I-PER']);
    expect(diagnostics.filter((d) => /IOB1; converted to IOB2/.test(d.message)).map((d) => d.file)).toEqual(['train.txt', 'dev.txt']);
  });

  it('leaves IOB2 data alone', () => {
    const iob2 = 'Anna B-PER\nBerg I-PER\nin O\nOslo B-LOC\n';
    const { dataset, diagnostics } = prepareTexts('t', [{ name: 'train.txt', text: iob2 }, { name: 'dev.txt', text: iob2 }]);
    expect(dataset!.text.train.tags[0]).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC']);
    expect(diagnostics.some((d) => /IOB1/.test(d.message))).toBe(false);
  });
});

describe('prepareTexts: what training could not use', () => {
  // 300 tokens with an entity every 10, after two short sentences (lines 1-2 and 4-5, blank line 6).
  const long = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? 'Oslo I-LOC' : 'w O')).join('\n');
  const short = 'Anna I-PER\nsaw O\n\nBob I-PER\nran O\n';

  it.each<[string, string, string, number | undefined, RegExp | null, number]>([
    ['a column file', 'train.txt', `${short}\n${long}\n`, undefined, /^train\.txt: 1 sentence is longer than 256 tokens and was split between entities for training \(line 7: 300 tokens in 2 parts\)/, 4],
    ['a lower limit', 'train.txt', `${short}\n${long}\n`, 100, /\(line 7: 300 tokens in 3 parts\); data\.max_sentence_length sets the limit$/, 5],
    ['limit 0 splits nothing', 'train.txt', `${short}\n${long}\n`, 0, null, 3],
    [
      'a JSONL record names its own line',
      'train.jsonl',
      `{"tokens": ["Anna"], "ner_tags": ["B-PER"]}\n${JSON.stringify({ tokens: Array(300).fill('w'), ner_tags: Array(300).fill('O').map((t, i) => (i % 10 ? t : 'B-LOC')) })}\n`,
      undefined,
      /^train\.jsonl: 1 sentence is longer .*\(line 2: 300 tokens in 2 parts\)/,
      3,
    ],
  ])('a long training sentence in %s is split, IOB1 kept whole, with a warning naming its line', (_name, file, text, max, message, sentences) => {
    const { dataset, diagnostics } = prepareTexts('t', [{ name: file, text }, { name: 'dev.txt', text: short }], { maxSentenceLength: max });
    expect(dataset!.summary.splits.train.sentences).toBe(sentences);
    expect(dataset!.summary.splits.train.tokens).toBe(text.includes('"tokens"') ? 301 : 304);
    expect(dataset!.summary.splits.train.entities).toMatchObject({ LOC: 30 });
    const notices = diagnostics.filter((d) => /longer than/.test(d.message));
    if (message) expect(notices).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(message) })]);
    else expect(notices).toEqual([]);
    // Dev is scored whole (prediction windows handle any length).
    expect(dataset!.summary.splits.dev.sentences).toBe(2);
  });

  it.each<[string, string]>([
    ['every tag O', 'a O\nb O\n\nc O\n'],
    ['one entity label only', 'a B-PER\n\nb B-PER\n'],
  ])('refuses data with a single label (%s), naming the file, instead of failing in tfjs', (_name, text) => {
    const { dataset, diagnostics } = prepareTexts('t', [{ name: 'train.txt', text }, { name: 'dev.txt', text }]);
    expect(dataset).toBeNull();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'train.txt', message: expect.stringMatching(/^train\.txt: the data has a single label \((O|B-PER)\), so there is nothing to tell apart/) }),
    ]);
  });
});
