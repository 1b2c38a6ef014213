/**
 * @file Splits free text (the playground's sentence) into CoNLL-like words with character offsets:
 * whitespace separates, and punctuation stands alone, as in the training corpora.
 */

export interface WordToken {
  text: string;
  start: number;
  end: number;
}

// A word is a run of letters/digits with inner apostrophes, hyphens, periods or ampersands
// ("O'Neil", "U.S.", "AT&T", "3.5"); anything else that is not space is a token of its own.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.\-&][\p{L}\p{N}\p{M}]+)*\.?|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenizeText(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    // A trailing period belongs to the word only for abbreviations like "U.S." or "Mr."; a sentence end stands alone.
    if (word.endsWith('.') && !/^(\p{L}\.)+$|^(Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Ltd|Co|Corp)\.$/u.test(word)) word = word.slice(0, -1);
    out.push({ text: word, start: m.index, end: m.index + word.length });
    if (word.length < m[0].length) out.push({ text: '.', start: m.index + word.length, end: m.index + m[0].length });
  }
  return out;
}
