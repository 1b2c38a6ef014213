import { describe, expect, it } from 'vitest';
import { analyzeErrors, classifySpans, confusionMatrix, ERROR_BUCKETS } from './errorAnalysis';
import { getSpans } from '../tags/tags';

const tags = (s: string) => s.split(' ');
/** Cases as [bucket, gold spans, pred spans] with spans written TYPE:start-end. */
const compact = (cases: ReturnType<typeof classifySpans>) =>
  cases.map((c) => [c.bucket, c.gold.map((s) => `${s.type}:${s.start}-${s.end}`), c.pred.map((s) => `${s.type}:${s.start}-${s.end}`)]);

describe('classifySpans', () => {
  it.each<[string, string, string, (string | string[])[][]]>([
    ['exact match', 'B-PER I-PER', 'B-PER I-PER', [['correct', ['PER:0-2'], ['PER:0-2']]]],
    ['same tokens, other type', 'B-LOC', 'B-ORG', [['wrongType', ['LOC:0-1'], ['ORG:0-1']]]],
    ['same type, shorter', 'B-ORG I-ORG I-ORG', 'B-ORG I-ORG O', [['wrongBoundary', ['ORG:0-3'], ['ORG:0-2']]]],
    ['other type and shifted', 'B-LOC I-LOC O', 'O B-ORG I-ORG', [['wrongTypeAndBoundary', ['LOC:0-2'], ['ORG:1-3']]]],
    ['missed', 'B-MISC', 'O', [['missed', ['MISC:0-1'], []]]],
    ['spurious', 'O', 'B-LOC', [['spurious', [], ['LOC:0-1']]]],
    ['one gold split in two predictions', 'B-PER I-PER I-PER', 'B-PER O B-PER', [['wrongBoundary', ['PER:0-3'], ['PER:0-1', 'PER:2-3']]]],
    ['two golds merged, types differ', 'B-PER B-LOC', 'B-ORG I-ORG', [['wrongTypeAndBoundary', ['PER:0-1', 'LOC:1-2'], ['ORG:0-2']]]],
    [
      'a chain: gold, pred, gold overlapping in turn form one group',
      'B-X I-X B-X I-X',
      'O B-X I-X O',
      [['wrongBoundary', ['X:0-2', 'X:2-4'], ['X:1-3']]],
    ],
    ['touching is not overlapping', 'B-X O', 'O B-X', [['missed', ['X:0-1'], []], ['spurious', [], ['X:1-2']]]],
  ])('%s', (_name, gold, pred, expected) => {
    expect(compact(classifySpans(getSpans(tags(gold)), getSpans(tags(pred))))).toEqual(expected);
  });
});

describe('analyzeErrors', () => {
  const gold = [
    tags('B-PER I-PER O B-LOC O B-ORG I-ORG I-ORG O B-MISC'),
    tags('O B-PER I-PER I-PER O O'),
    tags('B-LOC I-LOC O'),
  ];
  const pred = [
    tags('B-PER I-PER O B-ORG O B-ORG I-ORG O O O'),
    tags('O B-PER O B-PER O B-LOC'),
    tags('O B-ORG I-ORG'),
  ];

  it('puts every gold and predicted entity in exactly one bucket (worked by hand)', () => {
    const { counts, cases } = analyzeErrors(gold, pred);
    expect(counts).toEqual({
      correct: { gold: 1, pred: 1 },
      missed: { gold: 1, pred: 0 },
      spurious: { gold: 0, pred: 1 },
      wrongType: { gold: 1, pred: 1 },
      wrongBoundary: { gold: 2, pred: 3 },
      wrongTypeAndBoundary: { gold: 1, pred: 1 },
    });
    // 6 gold and 7 predicted entities in all.
    expect(ERROR_BUCKETS.reduce((n, b) => n + counts[b].gold, 0)).toBe(6);
    expect(ERROR_BUCKETS.reduce((n, b) => n + counts[b].pred, 0)).toBe(7);
    expect(cases.map((c) => [c.sentence, c.bucket])).toEqual([
      [0, 'correct'],
      [0, 'wrongType'],
      [0, 'wrongBoundary'],
      [0, 'missed'],
      [1, 'wrongBoundary'],
      [1, 'spurious'],
      [2, 'wrongTypeAndBoundary'],
    ]);
  });

  it('strict mode drops entities that are not well formed: an IOB2 I- start is no gold entity', () => {
    const g = [tags('I-PER I-PER')];
    const p = [tags('B-PER I-PER')];
    expect(analyzeErrors(g, p).counts.correct).toEqual({ gold: 1, pred: 1 });
    expect(analyzeErrors(g, p, { mode: 'strict', scheme: 'IOB2' }).counts.spurious).toEqual({ gold: 0, pred: 1 });
  });

  it('throws on a shape mismatch, a caller bug', () => {
    expect(() => analyzeErrors([tags('O')], [])).toThrow(/1 gold sentences but 0 predicted/);
    expect(() => analyzeErrors([tags('O O')], [tags('O')])).toThrow(/sentence 0 has 2 gold tags but 1 predicted/);
  });
});

describe('confusionMatrix', () => {
  it('counts tokens by gold row and predicted column', () => {
    expect(confusionMatrix([tags('B-PER O B-LOC')], [tags('B-PER B-LOC O')])).toEqual({
      labels: ['O', 'B-LOC', 'B-PER'],
      matrix: [
        [0, 1, 0],
        [1, 0, 0],
        [0, 0, 1],
      ],
    });
  });

  it('orders labels O first, then by type, then B I E S L U', () => {
    const all = tags('I-PER O E-LOC B-PER B-LOC S-LOC');
    expect(confusionMatrix([all], [all]).labels).toEqual(['O', 'B-LOC', 'E-LOC', 'S-LOC', 'B-PER', 'I-PER']);
  });
});
