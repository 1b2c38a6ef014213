import { describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import { convertScheme } from '../tags/tags';
import type { Sentence } from '../types';
import { ColumnRewriter, replaceColumn } from './columnRewrite';
import { FileParser } from './stream';
import { LineEndSplitter } from './lineSplitter';
import { parseFile } from './index';

/** The rewrite done the simple way, on the whole text (what `ner convert` did before it streamed). */
function rewriteWhole(text: string, file: string, to: 'IOBES'): string {
  const parsed = parseFile(text, file);
  const parts = text.split(/(\r\n|\n|\r)/);
  for (const s of parsed.sentences) {
    convertScheme(s.tags, to).forEach((tag, i) => {
      const k = 2 * (s.line! + i - 1);
      parts[k] = replaceColumn(parts[k], file.endsWith('.iob2') ? 2 : -1, tag);
    });
  }
  return parts.join('');
}

/** ColumnRewriter beside a streaming FileParser, fed chunks cut at random; returns the text and the most lines held. */
function rewriteStreamed(text: string, file: string, rng: () => number, maxChunk: number): { out: string; held: number } {
  let out = '';
  let held = 0;
  let parser!: FileParser;
  const rewriter = new ColumnRewriter(
    () => parser.layout?.tagColumn ?? -1,
    (t) => (out += t),
  );
  const onSentence = (s: Sentence) => {
    held = Math.max(held, (rewriter as unknown as { lines: unknown[]; head: number }).lines.length - (rewriter as unknown as { head: number }).head);
    rewriter.sentence(s.line!, convertScheme(s.tags, 'IOBES'));
  };
  parser = new FileParser(file, { onSentence });
  for (let at = 0; at < text.length; ) {
    const n = 1 + Math.floor(rng() * maxChunk);
    rewriter.text(text.slice(at, at + n));
    parser.push(text.slice(at, at + n));
    at += n;
  }
  rewriter.end();
  parser.finish();
  rewriter.finish();
  return { out, held };
}

const manySentences = Array.from({ length: 400 }, (_, i) => `w${i} B-PER\nx${i} I-PER\ny O\n\n`).join('');

describe('ColumnRewriter', () => {
  it.each<[string, string, string]>([
    ['CoNLL-2003 with DOCSTART, CRLF and no final line break', 'x.txt', '-DOCSTART- -X- O O\r\n\r\nEU NNP I-NP I-ORG\r\nrejects VBZ I-VP O\r\n\r\nPeter NNP I-NP I-PER\r\nBlackburn NNP I-NP I-PER'],
    ['Universal NER: comments, tabs, index column, trailing blanks', 'x.iob2', '# sent_id = 1\n# text = Go to Tampa Bay\n1\tGo\tO\t-\t-\n2\tto\tO\t-\t-\n3\tTampa\tI-LOC\t-\tx \n4\tBay\tI-LOC\t-\tx\n\n'],
    ['old Mac CR line ends and runs of spaces', 'x.txt', 'a   B-X\rb  I-X  \r\rc O\r'],
    ['tokens holding spaces in a tab file', 'x.txt', 'New York\tB-LOC\nCity\tI-LOC\n\nis\tO\n'],
    ['many sentences', 'x.txt', manySentences],
  ])('%s: streamed in random chunks, only the tag column changes, as the whole-text rewrite', (_name, file, text) => {
    const expected = rewriteWhole(text, file, 'IOBES');
    const rng = makeRng(text.length);
    for (const maxChunk of [1, 5, 64, 1 << 20]) expect(rewriteStreamed(text, file, rng, maxChunk).out).toBe(expected);
  });

  it('holds only the lines of the sentence being read, however long the file', () => {
    const { held } = rewriteStreamed(manySentences.repeat(10), 'x.txt', makeRng(3), 4096);
    // A sentence is 3 lines and a blank; a chunk of 4,096 characters brings at most a few hundred lines at once.
    expect(held).toBeLessThan(1200);
    expect(manySentences.repeat(10).split('\n').length).toBeGreaterThan(16_000);
  });
});

describe('LineEndSplitter', () => {
  it.each<[string, string[]]>([
    ['a\nb\r\nc\rd', ['a\n', 'b\r\n', 'c\r', 'd']],
    ['a\r\n', ['a\r\n']],
    ['a\n\r\nb', ['a\n', '\r\n', 'b']],
    ['\r\r\n', ['\r', '\r\n']],
    ['a\r', ['a\r']],
    ['\n\n', ['\n', '\n']],
    ['', []],
  ])('%j: lines with their breaks, in chunks of any size', (text, expected) => {
    for (const size of [1, 2, 3, 100]) {
      const splitter = new LineEndSplitter();
      const got: string[] = [];
      const take = ({ lines, ends }: { lines: string[]; ends: string[] }) => lines.forEach((line, i) => got.push(line + ends[i]));
      for (let at = 0; at < text.length; at += size) take(splitter.push(text.slice(at, at + size)));
      take(splitter.finish());
      expect(got).toEqual(expected);
    }
  });
});

describe('replaceColumn', () => {
  it.each<[string, number, string]>([
    ['EU NNP I-NP I-ORG', -1, 'EU NNP I-NP B-ORG'],
    ['EU  NNP   I-NP  I-ORG  ', -1, 'EU  NNP   I-NP  B-ORG  '],
    ['EU NNP I-NP I-ORG', 2, 'EU NNP B-ORG I-ORG'],
    ['  EU I-ORG', 0, '  B-ORG I-ORG'],
    ['3\tTampa\tI-LOC\t-\tx ', 2, '3\tTampa\tB-ORG\t-\tx '],
    ['New York\t I-LOC \t', -1, 'New York\t B-ORG \t'],
    ['a\fI-X', -1, 'a\fB-ORG'],
  ])('%j, column %i', (line, index, expected) => {
    expect(replaceColumn(line, index, 'B-ORG')).toBe(expected);
  });
});
