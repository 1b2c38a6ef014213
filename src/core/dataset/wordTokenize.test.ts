import { describe, expect, it } from 'vitest';
import { tokenizeText } from './wordTokenize';

describe('tokenizeText', () => {
  it.each([
    ['Anna Berg joined Acme Corp in Oslo.', ['Anna', 'Berg', 'joined', 'Acme', 'Corp', 'in', 'Oslo', '.']],
    ['Mr. O\'Neil met U.S. officials, at 3.5%!', ['Mr.', "O'Neil", 'met', 'U.S.', 'officials', ',', 'at', '3.5', '%', '!']],
    ['AT&T (Dallas) - "big"', ['AT&T', '(', 'Dallas', ')', '-', '"', 'big', '"']],
    ['<img src=x onerror=alert(1)>', ['<', 'img', 'src', '=', 'x', 'onerror', '=', 'alert', '(', '1', ')', '>']],
    ['  ', []],
    ['Zürich–Genève', ['Zürich', '–', 'Genève']],
  ])('%s', (text, words) => {
    expect(tokenizeText(text).map((t) => t.text)).toEqual(words);
  });

  it('keeps character offsets into the text', () => {
    const text = 'Hi, Bob.';
    for (const t of tokenizeText(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenizeText(text).map((t) => [t.start, t.end])).toEqual([[0, 2], [2, 3], [4, 7], [7, 8]]);
  });
});
