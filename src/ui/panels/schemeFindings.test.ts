import { describe, expect, it } from 'vitest';
import { schemeReport } from './schemeFindings';

const split = (...sentences: string[]) => ({ tokens: sentences.map((s) => s.split(' ').map((_, i) => `w${i}`)), tags: sentences.map((s) => s.split(' ')) });
const empty = split();

describe('schemeReport', () => {
  it('clean IOB2 data has no findings', () => {
    expect(schemeReport({ train: split('B-PER I-PER O', 'B-LOC'), dev: empty, test: empty })).toEqual({ scheme: 'IOB2', total: 0, byKind: {}, examples: [] });
  });

  it('finds slips in every split, in order, and counts them by kind', () => {
    // Four entities open with B-, two with I- (I-ORG after O, I-LOC after B-PER): the data reads as IOB2.
    const report = schemeReport({
      train: split('B-PER O B-LOC', 'O I-ORG'),
      dev: split('B-PER I-LOC'),
      test: split('B-X PER'),
    });
    expect(report.scheme).toBe('IOB2');
    expect(report.total).toBe(3);
    expect(report.byKind).toEqual({ noBegin: 1, typeChange: 1, unknownTag: 1 });
    expect(report.examples.map((f) => [f.split, f.sentence, f.token, f.kind, f.repairable])).toEqual([
      ['train', 1, 1, 'noBegin', true],
      ['dev', 0, 1, 'typeChange', false],
      ['test', 0, 1, 'unknownTag', false],
    ]);
    expect(report.examples[0].message).toBe('has I-ORG after O: IOB2 entities start with B-');
  });

  it('keeps at most maxExamples but counts them all', () => {
    const report = schemeReport({ train: split('O I-A', 'O I-B', 'O I-C', 'B-D', 'B-E', 'B-F', 'B-G'), dev: empty, test: empty }, 2);
    expect(report.total).toBe(3);
    expect(report.examples.map((f) => f.sentence)).toEqual([0, 1]);
  });
});
