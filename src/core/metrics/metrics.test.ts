import { describe, it, expect } from 'vitest';
import { countEntities, entityScores, macroF1 } from './metrics';
import type { Prf } from '../types';

const prf = (precision: number, recall: number, f1: number, support: number): Prf => ({ precision, recall, f1, support });

interface Case {
  name: string;
  gold: string[][];
  pred: string[][];
  mode?: 'default' | 'strict';
  scheme?: 'IOB2' | 'IOBES' | 'BILOU';
  expected: { precision: number; recall: number; f1: number; support: number; accuracy: number; perType: Record<string, Prf> };
  macro: number;
}

// Expected numbers worked by hand; the first two are seqeval's own documentation examples.
const cases: Case[] = [
  {
    // seqeval f1_score/precision_score/recall_score/accuracy_score docstrings: 0.50 / 0.50 / 0.50 / 0.80.
    // Gold MISC [3,6), PER [0,2); predicted MISC [2,6) misses, PER hits. Tokens 8 of 10 right.
    name: 'seqeval docstring example',
    gold: [['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']],
    pred: [['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']],
    expected: { precision: 0.5, recall: 0.5, f1: 0.5, support: 2, accuracy: 0.8, perType: { MISC: prf(0, 0, 0, 1), PER: prf(1, 1, 1, 1) } },
    macro: 0.5,
  },
  {
    // seqeval README: the lenient reader accepts I-NP I-NP as an NP chunk.
    name: 'seqeval README, default mode',
    gold: [['B-NP', 'I-NP', 'O']],
    pred: [['I-NP', 'I-NP', 'O']],
    expected: { precision: 1, recall: 1, f1: 1, support: 1, accuracy: 2 / 3, perType: { NP: prf(1, 1, 1, 1) } },
    macro: 1,
  },
  {
    // seqeval README, mode='strict', scheme=IOB2: I-NP I-NP is no entity, so nothing is predicted.
    name: 'seqeval README, strict IOB2',
    gold: [['B-NP', 'I-NP', 'O']],
    pred: [['I-NP', 'I-NP', 'O']],
    mode: 'strict',
    scheme: 'IOB2',
    expected: { precision: 0, recall: 0, f1: 0, support: 1, accuracy: 2 / 3, perType: { NP: prf(0, 0, 0, 1) } },
    macro: 0,
  },
  {
    // seqeval performance_measure example. Gold MISC [3,5), ORG [6,7), PER [0,2); pred MISC [2,5), PER [0,2).
    // p = 1/2, r = 1/3, f1 = 2 * (1/6) / (5/6) = 0.4. Tokens wrong at 2, 3 and 6: 7 of 10.
    name: 'missed and shifted entities',
    gold: [['O', 'O', 'O', 'B-MISC', 'I-MISC', 'O', 'B-ORG'], ['B-PER', 'I-PER', 'O']],
    pred: [['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O', 'O'], ['B-PER', 'I-PER', 'O']],
    expected: {
      precision: 0.5,
      recall: 1 / 3,
      f1: 0.4,
      support: 3,
      accuracy: 0.7,
      perType: { MISC: prf(0, 0, 0, 1), ORG: prf(0, 0, 0, 1), PER: prf(1, 1, 1, 1) },
    },
    macro: 1 / 3,
  },
  {
    // A type only predicted still gets a row (support 0) and pulls the macro average down: (0 + 1) / 2.
    name: 'type only in predictions',
    gold: [['O', 'B-PER']],
    pred: [['B-LOC', 'B-PER']],
    expected: { precision: 0.5, recall: 1, f1: 2 / 3, support: 1, accuracy: 0.5, perType: { LOC: prf(0, 0, 0, 0), PER: prf(1, 1, 1, 1) } },
    macro: 0.5,
  },
  {
    name: 'no entities anywhere scores 0, not NaN',
    gold: [['O', 'O']],
    pred: [['O', 'O']],
    expected: { precision: 0, recall: 0, f1: 0, support: 0, accuracy: 1, perType: {} },
    macro: 0,
  },
  {
    // Matches are per sentence: the same [0,1) PER in two sentences is two entities.
    name: 'identical spans in different sentences count twice',
    gold: [['B-PER'], ['B-PER']],
    pred: [['B-PER'], ['O']],
    expected: { precision: 1, recall: 0.5, f1: 2 / 3, support: 2, accuracy: 0.5, perType: { PER: prf(1, 0.5, 2 / 3, 2) } },
    macro: 2 / 3,
  },
  {
    // Default mode: B-PER I-PER then S-LOC reads as PER [0,2) and LOC [2,3), both right.
    name: 'IOBES, default mode forgives a missing E-',
    gold: [['B-PER', 'E-PER', 'S-LOC']],
    pred: [['B-PER', 'I-PER', 'S-LOC']],
    expected: { precision: 1, recall: 1, f1: 1, support: 2, accuracy: 2 / 3, perType: { LOC: prf(1, 1, 1, 1), PER: prf(1, 1, 1, 1) } },
    macro: 1,
  },
  {
    // Strict IOBES: the unterminated PER is dropped; only LOC is predicted. p 1, r 1/2, f1 2/3.
    name: 'IOBES, strict mode drops an unterminated entity',
    gold: [['B-PER', 'E-PER', 'S-LOC']],
    pred: [['B-PER', 'I-PER', 'S-LOC']],
    mode: 'strict',
    scheme: 'IOBES',
    expected: { precision: 1, recall: 0.5, f1: 2 / 3, support: 2, accuracy: 2 / 3, perType: { LOC: prf(1, 1, 1, 1), PER: prf(0, 0, 0, 1) } },
    macro: 0.5,
  },
  {
    // Strict with no scheme given guesses it from gold (IOBES here), giving the same result as above.
    name: 'strict mode detects the scheme from gold',
    gold: [['B-PER', 'E-PER', 'S-LOC']],
    pred: [['B-PER', 'I-PER', 'S-LOC']],
    mode: 'strict',
    expected: { precision: 1, recall: 0.5, f1: 2 / 3, support: 2, accuracy: 2 / 3, perType: { LOC: prf(1, 1, 1, 1), PER: prf(0, 0, 0, 1) } },
    macro: 0.5,
  },
];

describe('entityScores', () => {
  it.each(cases)('$name', ({ gold, pred, mode, scheme, expected, macro }) => {
    const s = entityScores(gold, pred, mode, scheme);
    expect(s.precision).toBeCloseTo(expected.precision, 12);
    expect(s.recall).toBeCloseTo(expected.recall, 12);
    expect(s.f1).toBeCloseTo(expected.f1, 12);
    expect(s.support).toBe(expected.support);
    expect(s.accuracy).toBeCloseTo(expected.accuracy, 12);
    expect(Object.keys(s.perType)).toEqual(Object.keys(expected.perType));
    for (const [type, want] of Object.entries(expected.perType)) {
      const got = s.perType[type];
      expect(got.support).toBe(want.support);
      expect([got.precision, got.recall, got.f1].map((x) => x.toFixed(12))).toEqual(
        [want.precision, want.recall, want.f1].map((x) => x.toFixed(12)),
      );
    }
    expect(macroF1(s)).toBeCloseTo(macro, 12);
  });

  it('empty input scores 0 everywhere', () => {
    expect(entityScores([], [])).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, perType: {}, accuracy: 0 });
  });

  it('refuses gold and predictions of different shapes (a caller bug)', () => {
    expect(() => entityScores([['O']], [])).toThrow(/1 gold sentences but 0 predicted/);
    expect(() => entityScores([['O', 'O']], [['O']])).toThrow(/sentence 0 has 2 gold tags but 1 predicted/);
  });
});

describe('countEntities', () => {
  it('counts the seqeval docstring example: 2 gold, 2 predicted, 1 correct; 8 of 10 tokens right', () => {
    const gold = [['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
    const pred = [['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
    expect(countEntities(gold, pred)).toEqual({
      total: { correct: 1, pred: 2, gold: 2 },
      perType: { MISC: { correct: 0, pred: 1, gold: 1 }, PER: { correct: 1, pred: 1, gold: 1 } },
      tokens: 10,
      tokensRight: 8,
    });
  });
});
