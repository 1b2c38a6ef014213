import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ColumnParser, parseColumns, type ColumnOptions } from './conll';
import { convertScheme, detectScheme, getSpans } from '../tags/tags';
import { makeRng } from '../rng';
import type { Sentence } from '../types';

interface Case {
  name: string;
  text: string;
  options?: ColumnOptions;
  sentences: Sentence[];
  /** [severity, line, message pattern] per diagnostic, in order. */
  diagnostics?: ['error' | 'warning', number | undefined, RegExp][];
}

const cases: Case[] = [
  {
    name: 'CoNLL-2003 style: 4 space-separated columns, DOCSTART skipped, extra columns kept',
    text: '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n',
    sentences: [
      { tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'], extra: [['NNP', 'VBZ'], ['B-NP', 'B-VP']], line: 3 },
      { tokens: ['Peter'], tags: ['B-PER'], extra: [['NNP'], ['B-NP']], line: 6 },
    ],
  },
  {
    name: 'DOCSTART ends a sentence even without a blank line; no final newline',
    text: 'a B-X\n-DOCSTART- O\nb B-Y',
    sentences: [
      { tokens: ['a'], tags: ['B-X'], line: 1 },
      { tokens: ['b'], tags: ['B-Y'], line: 3 },
    ],
  },
  {
    name: 'CRLF line ends and a byte-order mark',
    text: '\uFEFFEU B-ORG\r\nrejects O\r\n\r\nPeter B-PER\r\n',
    sentences: [
      { tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'], line: 1 },
      { tokens: ['Peter'], tags: ['B-PER'], line: 4 },
    ],
  },
  {
    name: 'old Mac CR line ends',
    text: 'a B-X\rb O\r\rc B-Y\r',
    sentences: [
      { tokens: ['a', 'b'], tags: ['B-X', 'O'], line: 1 },
      { tokens: ['c'], tags: ['B-Y'], line: 4 },
    ],
  },
  {
    name: 'Universal NER .iob2: tabs, # comments, token column 1, tag column 2, a # token',
    text:
      '# newdoc id = d1\n# sent_id = s1\n# text = Go to Tampa Bay\n' +
      '1\tGo\tO\t-\t-\n2\tto\tO\t-\t-\n3\tTampa\tB-LOC\t-\tstephen\n4\tBay\tI-LOC\t-\tstephen\n\n' +
      '# sent_id = s2\n# text = #\n1\t#\tO\t-\t-\n',
    options: { tokenColumn: 1, tagColumn: 2 },
    sentences: [
      { tokens: ['Go', 'to', 'Tampa', 'Bay'], tags: ['O', 'O', 'B-LOC', 'I-LOC'], line: 4 },
      { tokens: ['#'], tags: ['O'], line: 11 },
    ],
  },
  {
    name: 'a # token in a space-separated file is data, at a sentence start or not',
    text: '# O\nfoo B-PER\n\n# O\n# O\n',
    sentences: [
      { tokens: ['#', 'foo'], tags: ['O', 'B-PER'], line: 1 },
      { tokens: ['#', '#'], tags: ['O', 'O'], line: 4 },
    ],
  },
  {
    name: 'tabs win over spaces: a token may hold a space in a tab file',
    text: 'New York\tB-LOC\nis\tO\n',
    sentences: [{ tokens: ['New York', 'is'], tags: ['B-LOC', 'O'], line: 1 }],
  },
  {
    name: 'runs of spaces and trailing blanks separate columns once',
    text: 'a   NN  B-X  \nb NN O\n',
    sentences: [{ tokens: ['a', 'b'], tags: ['B-X', 'O'], extra: [['NN', 'NN']], line: 1 }],
  },
  {
    name: 'zero-width and no-break characters stay inside tokens',
    text: 'a\u200Bb B-X\nc\u200Dd O\ne\u00A0f O\n',
    sentences: [{ tokens: ['a\u200Bb', 'c\u200Dd', 'e\u00A0f'], tags: ['B-X', 'O', 'O'], line: 1 }],
  },
  {
    name: 'a whitespace-only line ends a sentence',
    text: 'a B-X\n \t \nb B-Y\n',
    sentences: [
      { tokens: ['a'], tags: ['B-X'], line: 1 },
      { tokens: ['b'], tags: ['B-Y'], line: 3 },
    ],
  },
  {
    name: 'negative tag column counts from the end',
    text: 'a B-X NN\nb O VB\n',
    options: { tagColumn: -2 },
    sentences: [{ tokens: ['a', 'b'], tags: ['B-X', 'O'], line: 1 }],
  },
  {
    name: 'a line with the wrong column count drops its sentence and names the line',
    text: 'a NN B-PER\nb O\n\nc NN O\n\nd NN B-LOC\n',
    sentences: [
      { tokens: ['c'], tags: ['O'], extra: [['NN']], line: 4 },
      { tokens: ['d'], tags: ['B-LOC'], extra: [['NN']], line: 6 },
    ],
    diagnostics: [['error', 2, /^x\.txt line 2 has 2 columns but line 1 has 3/]],
  },
  {
    name: 'empty file',
    text: '',
    sentences: [],
    diagnostics: [['error', undefined, /^x\.txt contains no sentences$/]],
  },
  {
    name: 'only blank lines and DOCSTART',
    text: '\n\n-DOCSTART- -X- O O\n\n\n',
    sentences: [],
    diagnostics: [['error', undefined, /^x\.txt contains no sentences$/]],
  },
  {
    name: 'every sentence broken',
    text: 'a B-X\nb\n',
    sentences: [],
    diagnostics: [
      ['error', 2, /line 2 has 1 columns but line 1 has 2/],
      ['error', undefined, /^x\.txt contains no sentences \(1 skipped for errors\)$/],
    ],
  },
  {
    name: 'NUL bytes mean binary',
    text: 'PK\u0003\u0004\u0000\u0000\u0008\u0000 O\n',
    sentences: [],
    diagnostics: [['error', 1, /looks like a binary file \(line 1 has a NUL byte\)/]],
  },
  {
    name: 'a NUL names its line, however the text is cut',
    text: 'a B-X\nb O\n\nc O\u0000\n',
    sentences: [],
    diagnostics: [['error', 4, /\(line 4 has a NUL byte\)/]],
  },
  {
    name: 'control characters in bulk mean binary',
    text: `${'\u0001\u0002\u0003\u0010'.repeat(10)} O\nword B-X\n`,
    sentences: [],
    diagnostics: [['error', undefined, /looks like a binary file, not text/]],
  },
  {
    name: 'many U+FFFD mean bytes that were not UTF-8 were decoded as UTF-8',
    text: `${'\uFFFD'.repeat(40)} O\nword B-X\n`,
    sentences: [],
    diagnostics: [['error', undefined, /looks like a binary file, not text/]],
  },
  {
    name: 'a single U+FFFD in a token is kept',
    text: 'caf\uFFFD B-X\n',
    sentences: [{ tokens: ['caf\uFFFD'], tags: ['B-X'], line: 1 }],
  },
  {
    name: 'sentences but no entities: a warning, sentences kept',
    text: 'a O\nb O\n',
    sentences: [{ tokens: ['a', 'b'], tags: ['O', 'O'], line: 1 }],
    diagnostics: [['warning', undefined, /every tag is O/]],
  },
  {
    name: 'a single-column file has no tags',
    text: 'a\nb\n',
    sentences: [],
    diagnostics: [['error', 1, /line 1 has 1 column/]],
  },
  {
    name: 'a tag column past the last column',
    text: 'a B-X\n',
    options: { tagColumn: 5 },
    sentences: [],
    diagnostics: [['error', 1, /tag column 5 do not fit the 2 columns/]],
  },
];

describe('parseColumns', () => {
  it.each(cases)('$name', ({ text, options, sentences, diagnostics = [] }) => {
    const parsed = parseColumns(text, 'x.txt', options);
    expect(parsed.file).toBe('x.txt');
    expect(parsed.sentences).toEqual(sentences);
    expect(parsed.diagnostics).toHaveLength(diagnostics.length);
    diagnostics.forEach(([severity, line, message], i) => {
      const d = parsed.diagnostics[i];
      expect(d).toMatchObject({ severity, file: 'x.txt' });
      expect(d.line).toBe(line);
      expect(d.message).toMatch(message);
    });
  });

  it('caps per-line errors at 20 and sums up the rest', () => {
    const text = 'a NN B-X\n' + 'b O\n\n'.repeat(25);
    const { diagnostics } = parseColumns(text, 'x.txt');
    expect(diagnostics.filter((d) => d.line !== undefined)).toHaveLength(20);
    expect(diagnostics.map((d) => d.message)).toContain('x.txt: 5 more lines with the wrong number of columns');
  });

  it('never throws on random input', () => {
    const rng = makeRng(7);
    const alphabet = ['a', 'B-X', 'O', ' ', '\t', '\n', '\r', '#', '-DOCSTART-', '\uFEFF', '\u0000', '\uFFFD', '\u200B'];
    for (let trial = 0; trial < 500; trial++) {
      const len = Math.floor(rng() * 60);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rng() * alphabet.length)];
      const parsed = parseColumns(text, 'fuzz.txt');
      for (const s of parsed.sentences) expect(s.tags).toHaveLength(s.tokens.length);
      if (parsed.sentences.length === 0) expect(parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });
});

/** Feeds text to a ColumnParser in random pieces (some empty), cut anywhere: inside a line, a CRLF or the BOM's line. */
function parseInChunks(text: string, rng: () => number, maxChunk: number, options?: ColumnOptions) {
  const parser = new ColumnParser('x.txt', options);
  for (let at = 0; at < text.length; ) {
    const n = Math.floor(rng() * (maxChunk + 1));
    parser.push(text.slice(at, at + n));
    at += n;
  }
  return parser.finish();
}

// Every case of the table at once, with CRLF line ends, a BOM, a tab file with comments and broken lines.
const FIXTURE =
  '\uFEFF-DOCSTART- -X- -X- O\r\n\r\nEU NNP B-NP B-ORG\r\nrejects VBZ B-VP O\r\nGerman JJ B-NP B-MISC\r\n\r\n' +
  'caf\u00E9 NN I-NP O\r\nbad line\r\nna\u00EFve JJ B-NP O\r\n\r\n' +
  'a\u200Bb NN B-NP B-PER\r\n# NN O O\r\n \t \r\nPeter NNP B-NP B-PER\rBlackburn NNP I-NP I-PER\n';
const TAB_FIXTURE = '# sent_id = 1\n# text = Go to Tampa\n1\tGo\tO\t-\n2\tto\tO\t-\n3\tTampa\tB-LOC\t-\n\n# sent_id = 2\n1\t#\tO\t-\n2\tx\n';

describe('ColumnParser: text in chunks gives what parseColumns gives for the whole', () => {
  it.each<[string, string, ColumnOptions]>([
    ['the fixture', FIXTURE, {}],
    ['a tab file with comments', TAB_FIXTURE, { tokenColumn: 1, tagColumn: 2 }],
    ['the demo training file', readFileSync(fileURLToPath(new URL('../../../datasets/demo/train.txt', import.meta.url)), 'utf8'), {}],
    ...cases.map((c): [string, string, ColumnOptions] => [`table case: ${c.name}`, c.text, c.options ?? {}]),
  ])('%s, cut at random', (_name, text, options) => {
    const whole = parseColumns(text, 'x.txt', options);
    const rng = makeRng(text.length);
    for (const maxChunk of [1, 3, 17, 4096]) expect(parseInChunks(text, rng, maxChunk, options)).toEqual(whole);
  });

  it('keeps line numbers across chunk boundaries, CRLF split included', () => {
    const parsed = parseInChunks(FIXTURE, makeRng(1), 2);
    expect(parsed.sentences.map((s) => s.line)).toEqual([3, 11, 14]);
    expect(parsed.diagnostics.map((d) => [d.line, d.message])).toEqual([[8, 'x.txt line 8 has 2 columns but line 3 has 4; its sentence was skipped']]);
  });

  it('drops only a byte-order mark at the very start, even in a chunk of its own', () => {
    const parser = new ColumnParser('x.txt');
    for (const chunk of ['', '\uFEFF', 'a B-X\n', '\uFEFFb O\n']) parser.push(chunk);
    expect(parser.finish().sentences).toEqual([{ tokens: ['a', '\uFEFFb'], tags: ['B-X', 'O'], line: 1 }]);
  });

  it('calls a file binary for a NUL in its last chunk, after sentences were read', () => {
    const parser = new ColumnParser('x.bin');
    parser.push('a B-X\n\n'.repeat(100));
    parser.push('\u0000');
    expect(parser.finish()).toMatchObject({ sentences: [], diagnostics: [{ severity: 'error', message: expect.stringMatching(/binary/) }] });
  });
});

// Real corpora from ../shared (absent in a person's own checkout). Counts are the ones SOURCE.md lists.
const datasets = fileURLToPath(new URL('../../../shared/datasets', import.meta.url));
const conll = `${datasets}/conll2003`;
const haveConll = existsSync(`${conll}/iob2/valid.txt`) && existsSync(`${conll}/eng.testa`);
const haveUner = existsSync(`${datasets}/uner-en-ewt/en_ewt-ud-dev.iob2`);
const read = (path: string) => readFileSync(path, 'utf8');
const title = (name: string, present: boolean, path: string) => (present ? name : `${name} (skipped: ${path} is absent)`);

function entityCounts(sentences: Sentence[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sentences) for (const span of getSpans(s.tags)) counts[span.type] = (counts[span.type] ?? 0) + 1;
  return counts;
}
const tokenCount = (sentences: Sentence[]) => sentences.reduce((n, s) => n + s.tokens.length, 0);

describe.skipIf(!haveConll)(title('CoNLL-2003 (shared/datasets/conll2003)', haveConll, conll), () => {
  it('iob2/valid.txt has the counts SOURCE.md lists', () => {
    const parsed = parseColumns(read(`${conll}/iob2/valid.txt`), 'valid.txt');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.sentences).toHaveLength(3250);
    expect(tokenCount(parsed.sentences)).toBe(51362);
    expect(entityCounts(parsed.sentences)).toEqual({ LOC: 1837, MISC: 922, ORG: 1341, PER: 1842 });
    expect(Math.max(...parsed.sentences.map((s) => s.tokens.length))).toBe(109);
    expect(detectScheme(parsed.sentences.map((s) => s.tags))).toBe('IOB2');
  });

  it('eng.testa (IOB1) converted to IOB2 equals iob2/valid.txt, tags and chunk column alike', () => {
    const iob1 = parseColumns(read(`${conll}/eng.testa`), 'eng.testa').sentences;
    const iob2 = parseColumns(read(`${conll}/iob2/valid.txt`), 'valid.txt').sentences;
    expect(detectScheme(iob1.map((s) => s.tags))).toBe('IOB1');
    expect(iob1.map((s) => s.tokens)).toEqual(iob2.map((s) => s.tokens));
    expect(iob1.map((s) => convertScheme(s.tags, 'IOB2'))).toEqual(iob2.map((s) => s.tags));
    expect(iob1.map((s) => convertScheme(s.extra![1], 'IOB2'))).toEqual(iob2.map((s) => s.extra![1]));
    // And back: IOB2 -> IOB1 restores the original file's tags.
    expect(iob2.map((s) => convertScheme(s.tags, 'IOB1'))).toEqual(iob1.map((s) => s.tags));
  });

  it('iob2/valid.txt read in random chunks equals the whole-text parse', () => {
    const text = read(`${conll}/iob2/valid.txt`);
    const rng = makeRng(2003);
    expect(parseInChunks(text, rng, 65536)).toEqual(parseColumns(text, 'x.txt'));
    expect(parseInChunks(text.replace(/\n/g, '\r\n'), rng, 1000)).toEqual(parseColumns(text, 'x.txt'));
  });

  it('eng.train has the counts SOURCE.md lists', () => {
    const parsed = parseColumns(read(`${conll}/eng.train`), 'eng.train');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.sentences).toHaveLength(14041);
    expect(tokenCount(parsed.sentences)).toBe(203621);
    expect(entityCounts(parsed.sentences)).toEqual({ LOC: 7140, MISC: 3438, ORG: 6321, PER: 6600 });
  });
});

describe.skipIf(!haveUner)(title('Universal NER English-EWT (shared/datasets/uner-en-ewt)', haveUner, `${datasets}/uner-en-ewt`), () => {
  it('en_ewt-ud-dev.iob2 has the counts SOURCE.md lists', () => {
    const parsed = parseColumns(read(`${datasets}/uner-en-ewt/en_ewt-ud-dev.iob2`), 'en_ewt-ud-dev.iob2', { tokenColumn: 1, tagColumn: 2 });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.sentences).toHaveLength(2001);
    expect(tokenCount(parsed.sentences)).toBe(25149);
    expect(entityCounts(parsed.sentences)).toEqual({ LOC: 399, ORG: 224, PER: 343 });
  });
});
