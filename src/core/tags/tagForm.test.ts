import { describe, expect, it } from 'vitest';
import type { Sentence } from '../types';
import { columnLineOf } from './schemeCheck';
import { checkTagForms, knownTypes, repairedTag } from './tagForm';

const sentence = (tags: string[], line = 1): Sentence => ({ tokens: tags.map((_, i) => `w${i}`), tags, line });

describe('tags that fit no scheme', () => {
  // tag, why it is refused, what fix-tags makes of it in a file whose other types are PER and LOC (null: unclear)
  it.each<[string, RegExp, string | null]>([
    ['B-', /a prefix with no type/, null],
    ['I-', /a prefix with no type/, null],
    ['B', /a prefix with no type/, null],
    ['b-per', /a prefix in lower case/, 'B-PER'],
    ['i-loc', /a prefix in lower case/, 'I-LOC'],
    ['o', /a prefix in lower case/, 'O'],
    ['b-misc', /a prefix in lower case/, 'B-MISC'],
    ['B_PER', /an underscore where the dash belongs/, 'B-PER'],
    ['X-PER', /an unknown prefix/, null],
    ['PER', /no prefix/, null],
    ['NNP', /no prefix/, null],
    ['B- PER', /a blank where the type starts/, null],
  ])('%j: an error naming file and line; fix-tags makes it %j', (tag, why, fixed) => {
    const sentences = [sentence(['B-PER', 'I-PER', 'O'], 1), sentence(['O', tag, 'B-LOC'], 5)];
    const strict = checkTagForms(sentences, 'x.txt', columnLineOf);
    expect(strict.sentences).toEqual([sentences[0]]);
    expect(strict.diagnostics).toHaveLength(1);
    const [d] = strict.diagnostics;
    expect(d).toMatchObject({ severity: 'error', file: 'x.txt', line: 6 });
    expect(d.message).toMatch(new RegExp(`^x\\.txt line 6 has the tag ${JSON.stringify(tag).replace(/[[\]\\^$.|?*+()]/g, '\\$&')}, `));
    expect(d.message).toMatch(why);
    expect(d.message).toContain('its sentence was skipped');
    expect(d.message.includes(`It clearly means ${fixed}`)).toBe(fixed !== null);

    const repaired = checkTagForms(sentences, 'x.txt', columnLineOf, true);
    if (fixed === null) {
      expect(repaired.sentences).toEqual([sentences[0]]);
      expect(repaired.diagnostics.map((x) => x.severity)).toEqual(['error']);
    } else {
      expect(repaired.sentences).toEqual([sentences[0], { ...sentences[1], tags: ['O', fixed, 'B-LOC'] }]);
      expect(repaired.diagnostics).toEqual([{ severity: 'warning', file: 'x.txt', message: 'x.txt: repaired 1 tags whose meaning was clear (case, or _ for -)' }]);
    }
  });

  it('repairs a type to the spelling the file uses most, and keeps an unseen type as written', () => {
    const types = knownTypes([sentence(['B-Person', 'I-Person', 'B-person', 'B-Person'])]);
    expect(repairedTag('b-person', types)).toBe('B-Person');
    expect(repairedTag('b-city', types)).toBe('B-city'); // the file's types are not all upper case
    expect(repairedTag('b-city', knownTypes([sentence(['B-PER'])]))).toBe('B-CITY');
    expect(repairedTag('B-PER', types)).toBeNull(); // already well formed
  });

  it('leaves well-formed files alone, whatever their types look like', () => {
    const sentences = [sentence(['B-person', 'I-person', 'O', 'S-geo-loc', 'U-X', 'L-X', 'E-Y'])];
    expect(checkTagForms(sentences, 'x.txt', columnLineOf)).toEqual({ sentences, diagnostics: [] });
  });
});
