import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineSplitter';
import { makeRng } from '../rng';

/** All lines of `chunks` fed one by one. */
function linesOf(chunks: string[]): string[] {
  const splitter = new LineSplitter();
  const lines = chunks.flatMap((c) => splitter.push(c));
  lines.push(splitter.finish());
  return lines;
}

describe('LineSplitter', () => {
  it.each<[string, string[], string[]]>([
    ['one chunk', ['a\nb\n'], ['a', 'b', '']],
    ['a line cut in the middle', ['ab', 'c\nd'], ['abc', 'd']],
    ['a CRLF split across chunks is one break', ['a\r', '\nb'], ['a', 'b']],
    ['a CR at the end, then a new line', ['a\r', 'b'], ['a', 'b']],
    ['CR CR across chunks is two breaks', ['a\r', '\rb'], ['a', '', 'b']],
    ['a CR, an empty chunk, then LF', ['a\r', '', '\nb'], ['a', 'b']],
    ['CRLF inside a chunk', ['a\r\nb\r\n'], ['a', 'b', '']],
    ['old Mac line ends', ['a\rb\r'], ['a', 'b', '']],
    ['nothing', [], ['']],
    ['a long line in many chunks', ['x', 'y', 'z', '\n'], ['xyz', '']],
  ])('%s', (_name, chunks, expected) => {
    expect(linesOf(chunks)).toEqual(expected);
  });

  it('gives the lines of text.split for any cut of random text', () => {
    const rng = makeRng(3);
    const alphabet = ['a', 'b', ' ', '\n', '\r', '\r\n', '\t'];
    for (let trial = 0; trial < 2000; trial++) {
      let text = '';
      for (let i = Math.floor(rng() * 30); i > 0; i--) text += alphabet[Math.floor(rng() * alphabet.length)];
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const n = Math.floor(rng() * 5);
        chunks.push(text.slice(at, at + n));
        at += n;
      }
      expect(linesOf(chunks), JSON.stringify(chunks)).toEqual(text.split(/\r\n|\n|\r/));
    }
  });
});
