import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseColumns } from '../formats/conll';
import { makeRng } from '../rng';
import { findSchemeIssues, recordLineOf, repairTags, validateScheme, type SchemeIssueKind } from './schemeCheck';
import { convertScheme, getSpans, type TagScheme } from './tags';

/** Issues as [kind, token] pairs, so the tables stay short. */
type I = [SchemeIssueKind, number];
const brief = (tags: string[], scheme: TagScheme): I[] => findSchemeIssues(tags, scheme).map((i) => [i.kind, i.token]);

describe('findSchemeIssues', () => {
  it.each<[TagScheme, string[], I[]]>([
    // Valid sequences raise nothing.
    ['IOB2', ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC'], []],
    ['IOB1', ['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG'], []],
    ['IOBES', ['B-PER', 'I-PER', 'E-PER', 'S-LOC', 'O', 'S-LOC'], []],
    ['BILOU', ['B-PER', 'L-PER', 'U-LOC', 'O'], []],
    ['IOB2', [], []],
    // IOB2
    ['IOB2', ['O', 'I-PER', 'I-PER'], [['noBegin', 1]]],
    ['IOB2', ['I-PER'], [['noBegin', 0]]],
    ['IOB2', ['B-PER', 'I-LOC'], [['typeChange', 1]]],
    ['IOB2', ['B-PER', 'E-PER'], [['mixedScheme', 1]]],
    ['IOB2', ['B-PER', 'PER'], [['unknownTag', 1]]],
    ['IOB2', ['B-PER', 'B-'], [['unknownTag', 1]]],
    // IOB1: B- only right after an entity of the same type.
    ['IOB1', ['O', 'B-MISC'], [['strayBegin', 1]]],
    ['IOB1', ['I-PER', 'B-LOC'], [['strayBegin', 1]]],
    ['IOB1', ['B-PER'], [['strayBegin', 0]]],
    // IOBES: E- with no start, entities never closed, type changes.
    ['IOBES', ['O', 'E-PER'], [['noStart', 1]]],
    ['IOBES', ['I-PER', 'E-PER'], [['noStart', 0]]],
    ['IOBES', ['B-PER', 'O'], [['unclosed', 0]]],
    ['IOBES', ['B-PER', 'I-PER'], [['unclosed', 1]]],
    ['IOBES', ['B-PER', 'S-PER'], [['unclosed', 0]]],
    ['IOBES', ['B-PER', 'E-LOC'], [['typeChange', 1]]],
    ['IOBES', ['S-PER', 'E-PER'], [['noStart', 1]]],
    ['IOBES', ['B-PER', 'L-PER'], [['unclosed', 0], ['mixedScheme', 1]]],
    // BILOU mirrors IOBES with L and U.
    ['BILOU', ['O', 'L-ORG'], [['noStart', 1]]],
    ['BILOU', ['B-ORG', 'O'], [['unclosed', 0]]],
    ['BILOU', ['U-ORG', 'S-ORG'], [['mixedScheme', 1]]],
  ])('%s %j', (scheme, tags, expected) => {
    expect(brief(tags, scheme)).toEqual(expected);
  });
});

describe('validateScheme', () => {
  const sentences = [
    { tokens: ['a', 'b'], tags: ['B-X', 'I-X'], line: 3 },
    { tokens: ['c', 'd', 'e'], tags: ['O', 'O', 'I-Y'], line: 6 },
    { tokens: ['f'], tags: ['I-Z'] },
  ];

  it('column files: token i of a sentence is on line s.line + i; no line means sentence and token', () => {
    expect(validateScheme(sentences, 'IOB2', 'x.txt')).toEqual([
      { severity: 'warning', file: 'x.txt', line: 8, message: 'x.txt line 8 has I-Y after O: IOB2 entities start with B-' },
      { severity: 'warning', file: 'x.txt', message: 'x.txt: sentence 3 token 1 has I-Z at the sentence start: IOB2 entities start with B-' },
    ]);
  });

  it('JSON records: the line of the record', () => {
    expect(validateScheme(sentences.slice(0, 2), 'IOB2', 'x.jsonl', recordLineOf).map((d) => d.line)).toEqual([6]);
  });

  it('caps at 20 warnings and counts the rest', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ tokens: ['a'], tags: ['I-X'], line: 2 * i + 1 }));
    const diagnostics = validateScheme(many, 'IOB2', 'x.txt');
    expect(diagnostics).toHaveLength(21);
    expect(diagnostics[20].message).toBe('x.txt: 3 more warnings like these, not listed');
  });
});

describe('repairTags', () => {
  it.each<[TagScheme, string[], string[], number]>([
    ['IOB2', ['O', 'I-PER', 'I-PER', 'O'], ['O', 'B-PER', 'I-PER', 'O'], 1],
    ['IOB2', ['I-PER', 'B-LOC'], ['B-PER', 'B-LOC'], 1],
    ['IOB2', ['B-PER', 'E-PER', 'S-LOC'], ['B-PER', 'I-PER', 'B-LOC'], 2], // mixed-in IOBES tags
    ['IOB1', ['O', 'B-MISC', 'I-MISC'], ['O', 'I-MISC', 'I-MISC'], 1], // what glample/tagger did to CoNLL-2003
    ['IOBES', ['O', 'E-PER'], ['O', 'S-PER'], 1],
    ['IOBES', ['B-PER', 'O', 'B-LOC', 'I-LOC'], ['S-PER', 'O', 'B-LOC', 'E-LOC'], 2],
    ['BILOU', ['B-ORG', 'I-ORG', 'O', 'I-ORG'], ['B-ORG', 'L-ORG', 'O', 'U-ORG'], 2],
    // No clear fix: a type change inside an entity, a tag outside every scheme. Their entities stay as they were,
    // while a clear slip elsewhere in the sentence is still fixed.
    ['IOB2', ['O', 'I-PER', 'O', 'B-LOC', 'I-ORG'], ['O', 'B-PER', 'O', 'B-LOC', 'I-ORG'], 1],
    ['IOBES', ['B-PER', 'E-LOC', 'O', 'PER'], ['B-PER', 'E-LOC', 'O', 'PER'], 0],
    ['IOB2', ['B-X', 'I-X'], ['B-X', 'I-X'], 0],
  ])('%s %j -> %j', (scheme, tags, expected, repaired) => {
    const result = repairTags(tags, scheme);
    expect(result).toEqual({ tags: expected, repaired });
    expect(brief(result.tags, scheme).filter(([kind]) => kind !== 'typeChange' && kind !== 'unknownTag')).toEqual([]);
  });
});

const SCHEMES: TagScheme[] = ['IOB1', 'IOB2', 'IOBES', 'BILOU'];

/** A sentence in IOB2 built from random spans: runs of O and entities of 1-3 tokens, often adjacent. */
function randomIob2(rng: () => number): string[] {
  const tags: string[] = [];
  const length = 1 + Math.floor(rng() * 12);
  while (tags.length < length) {
    if (rng() < 0.4) tags.push('O');
    else {
      const type = ['PER', 'LOC', 'ORG-X'][Math.floor(rng() * 3)];
      const n = 1 + Math.floor(rng() * 3);
      for (let k = 0; k < n; k++) tags.push(`${k === 0 ? 'B' : 'I'}-${type}`);
    }
  }
  return tags;
}

describe('conversion between schemes', () => {
  it.each<[string[], Record<TagScheme, string[]>]>([
    [
      ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC'],
      {
        IOB1: ['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC'],
        IOB2: ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC'],
        IOBES: ['B-PER', 'E-PER', 'S-PER', 'O', 'S-LOC'],
        BILOU: ['B-PER', 'L-PER', 'U-PER', 'O', 'U-LOC'],
      },
    ],
    [
      ['B-ORG', 'I-ORG', 'I-ORG', 'B-LOC'],
      {
        IOB1: ['I-ORG', 'I-ORG', 'I-ORG', 'I-LOC'],
        IOB2: ['B-ORG', 'I-ORG', 'I-ORG', 'B-LOC'],
        IOBES: ['B-ORG', 'I-ORG', 'E-ORG', 'S-LOC'],
        BILOU: ['B-ORG', 'I-ORG', 'L-ORG', 'U-LOC'],
      },
    ],
  ])('%j in every scheme, and from every scheme to every other', (iob2, forms) => {
    for (const from of SCHEMES) {
      expect(convertScheme(iob2, from)).toEqual(forms[from]);
      for (const to of SCHEMES) expect(convertScheme(forms[from], to)).toEqual(forms[to]);
    }
  });

  it('round-trips losslessly: A -> B -> A is the identity on valid tags, and valid tags raise no issues', () => {
    const rng = makeRng(3);
    for (let trial = 0; trial < 300; trial++) {
      const iob2 = randomIob2(rng);
      for (const a of SCHEMES) {
        const inA = convertScheme(iob2, a);
        expect(findSchemeIssues(inA, a)).toEqual([]);
        expect(repairTags(inA, a)).toEqual({ tags: inA, repaired: 0 });
        for (const b of SCHEMES) {
          const inB = convertScheme(inA, b);
          expect(getSpans(inB)).toEqual(getSpans(inA));
          expect(convertScheme(inB, a)).toEqual(inA);
        }
      }
    }
  });
});

const conll = fileURLToPath(new URL('../../../../shared/datasets/conll2003/eng.train', import.meta.url));

describe.skipIf(!existsSync(conll))(existsSync(conll) ? 'CoNLL-2003 eng.train' : `CoNLL-2003 eng.train (skipped: ${conll} is absent)`, () => {
  it('repair changes exactly the two B-MISC after O into I-MISC, as glample/tagger did', () => {
    const { sentences } = parseColumns(readFileSync(conll, 'utf8'), 'eng.train');
    const changed: [number, string, string][] = [];
    for (const s of sentences) {
      const { tags } = repairTags(s.tags, 'IOB1');
      tags.forEach((t, i) => t !== s.tags[i] && changed.push([s.line! + i, s.tags[i], t]));
    }
    expect(changed).toEqual([
      [152428, 'B-MISC', 'I-MISC'],
      [175436, 'B-MISC', 'I-MISC'],
    ]);
  });
});
