import { describe, expect, it } from 'vitest';
import { entityScores } from './metrics';
import { disjointTypes, strictMismatch, strictSchemeOf } from './scoreChecks';

const t = (s: string) => s.split(' ');

describe('score checks: a table that would mislead is refused with the place it goes wrong', () => {
  it.each<[string, string[][], string[][], { sentence: number; token: number } | null]>([
    ['chunk tags against NER tags', [t('B-NP I-NP O'), t('O B-VP B-NP')], [t('B-ORG I-ORG O'), t('O O B-PER')], { sentence: 0, token: 0 }],
    ['a type the model misses is no clash', [t('B-PER O B-LOC')], [t('B-PER O O')], null],
    ['gold without entities', [t('O O')], [t('B-PER O')], null],
    ['predictions without entities', [t('O B-PER')], [t('O O')], null],
  ])('disjoint types: %s', (_name, gold, pred, at) => {
    const p = disjointTypes(gold, pred);
    expect(p === null ? null : { sentence: p.sentence, token: p.token }).toEqual(at);
    if (p) expect(p.message).toMatch(/^the gold column \(second to last\) has entity types NP, VP and the predicted column \(last\) ORG, PER: none in common/);
  });

  it.each<[string, string[][], string[][], 'IOB2' | 'IOBES' | undefined, { sentence: number; token: number; column: string } | null]>([
    ['IOBES gold, IOB2 predictions', [t('O B-PER E-PER'), t('S-LOC O')], [t('O B-PER I-PER'), t('O O')], undefined, { sentence: 0, token: 1, column: 'predicted' }],
    ['IOB2 gold, IOBES predictions', [t('B-PER I-PER O')], [t('B-PER E-PER O')], undefined, { sentence: 0, token: 1, column: 'predicted' }],
    ['same scheme, sloppy predictions: strict mode is meant to count those', [t('B-PER I-PER O'), t('B-LOC O')], [t('I-PER I-PER O'), t('B-LOC O')], undefined, null],
    ['--scheme iobes on IOB2 gold names the gold column', [t('B-PER I-PER')], [t('B-PER E-PER')], 'IOBES', { sentence: 0, token: 0, column: 'gold' }],
    ['IOB1 gold reads as IOB2', [t('I-PER I-PER O')], [t('B-PER I-PER O')], undefined, null],
  ])('strict mismatch: %s', (_name, gold, pred, scheme, at) => {
    const strict = strictSchemeOf(gold, scheme);
    const p = strictMismatch(gold, pred, strict);
    expect(p === null ? null : { sentence: p.sentence, token: p.token, column: p.message.split(' ')[1] }).toEqual(at);
    // Where a mismatch is reported, strict mode really does lose entities the default mode finds.
    if (p) expect(entityScores(gold, pred, 'strict', strict).f1).toBeLessThan(entityScores(gold, pred, 'default').f1);
  });
});
