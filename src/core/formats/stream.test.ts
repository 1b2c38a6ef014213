import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../rng';
import { sniffColumnLayoutFromStart } from './columnLayout';
import { detectFormatFromStart, parseFile, type ParseOptions } from './index';
import { FileParser } from './stream';

function parseInChunks(text: string, file: string, rng: () => number, maxChunk: number, options?: ParseOptions) {
  const parser = new FileParser(file, options);
  for (let at = 0; at < text.length; ) {
    const n = Math.floor(rng() * (maxChunk + 1));
    parser.push(text.slice(at, at + n));
    at += n;
  }
  return parser.finish();
}

// A Universal NER file whose first 50 data lines come after a long comment header: the layout needs many chunks.
const header = Array.from({ length: 40 }, (_, i) => `# sent_id = ${i}\n# text = nothing here\n`).join('');
const rows = Array.from({ length: 60 }, (_, i) => `${(i % 5) + 1}\tw${i}\t${i % 7 === 0 ? 'B-LOC' : 'O'}\t-\t-\n${i % 5 === 4 ? '\n' : ''}`).join('');
const UNER = header + rows;

describe('FileParser: chunks give what parseFile gives for the whole text', () => {
  it.each<[string, string, string, ParseOptions]>([
    ['Universal NER with a long header', 'en.iob2', UNER, {}],
    ['CoNLL with a BOM and CRLF', 'x.txt', '\uFEFF-DOCSTART- O\r\n\r\nEU B-ORG\r\nrejects O\r\n\r\nPeter B-PER\r\nx I-LOC\r\n', {}],
    ['repairs on request', 'x.txt', 'a B-X\nb I-X\n\nc O\nd I-Y\n', { repair: true }],
    ['JSONL named .txt', 'x.txt', '{"tokens": ["a", "b"], "ner_tags": ["B-X", "O"]}\n{"tokens": ["c"], "ner_tags": ["I-Y"]}\n', {}],
    ['a JSON array that opens after blank lines', 'x.txt', '\n\n  [\n\n {"tokens": ["a"], "ner_tags": ["B-X"]}]', {}],
    ['a "[" token in a column file', 'x.txt', '[ O\n] B-X\n', {}],
    ['doccano JSONL', 'x.jsonl', '{"text": "Anna met Bob", "label": [[0, 4, "PER"], [9, 12, "PER"]]}\n', {}],
    ['a binary file', 'x.txt', 'PK\u0003\u0004\u0000\u0000 O\n', {}],
    ['an empty file', 'x.txt', '', {}],
    ['the demo dev file', 'dev.txt', readFileSync(fileURLToPath(new URL('../../../datasets/demo/dev.txt', import.meta.url)), 'utf8'), {}],
  ])('%s', (_name, file, text, options) => {
    const whole = parseFile(text, file, options);
    const rng = makeRng(text.length + 1);
    for (const maxChunk of [1, 7, 300, 1 << 16]) expect(parseInChunks(text, file, rng, maxChunk, options)).toEqual(whole);
  });
});

describe('deciding from the start of a file', () => {
  it.each<[string, string, boolean, string | null]>([
    ['', 'x.txt', false, null],
    ['  \n', 'x.txt', false, null],
    ['  \n', 'x.txt', true, 'columns'],
    ['[', 'x.txt', false, null],
    ['[\n {', 'x.txt', false, 'json'],
    ['[ O', 'x.txt', false, 'columns'],
    ['{"tokens": ["a"],', 'x.txt', false, null],
    ['{"tokens": ["a"], "ner_tags": ["O"]}\n', 'x.txt', false, 'json'],
    ['{ O\n', 'x.txt', false, 'columns'],
    ['EU B-ORG', 'x.txt', false, 'columns'],
    ['', 'x.jsonl', false, 'json'],
  ])('%j in %s (complete: %s) -> %s', (start, file, complete, expected) => {
    expect(detectFormatFromStart(start, file, complete)).toBe(expected);
  });

  it('the column layout waits for 50 sample lines, or for the end', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}\tw\tO\t-\n`).join('');
    expect(sniffColumnLayoutFromStart(lines(49), false)).toBeNull();
    expect(sniffColumnLayoutFromStart(lines(50), false)).toEqual({ tokenColumn: 1, tagColumn: 2 });
    expect(sniffColumnLayoutFromStart(lines(50).slice(0, -1), false)).toBeNull(); // the 50th line may go on
    expect(sniffColumnLayoutFromStart(lines(3), true)).toEqual({ tokenColumn: 1, tagColumn: 2 });
    expect(sniffColumnLayoutFromStart('EU NNP B-ORG\n'.repeat(50), false)).toEqual({});
  });
});

const uner = fileURLToPath(new URL('../../../../shared/datasets/uner-en-ewt/en_ewt-ud-dev.iob2', import.meta.url));
describe.skipIf(!existsSync(uner))(existsSync(uner) ? 'Universal NER English-EWT dev in chunks' : `Universal NER in chunks (skipped: ${uner} is absent)`, () => {
  it('equals the whole-text parse', () => {
    const text = readFileSync(uner, 'utf8');
    expect(parseInChunks(text, 'en_ewt-ud-dev.iob2', makeRng(9), 65536)).toEqual(parseFile(text, 'en_ewt-ud-dev.iob2'));
  });
});
