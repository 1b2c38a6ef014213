import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectFormat, parseFile } from './index';
import { sniffColumnLayout } from './columnLayout';
import { makeRng } from '../rng';

describe('detectFormat', () => {
  it.each<[string, string, string]>([
    ['train.jsonl', '', 'json'],
    ['train.json', 'whatever', 'json'],
    ['data.NDJSON', '', 'json'],
    ['eng.train', 'EU NNP B-NP B-ORG\n', 'columns'],
    ['train.txt', '{"tokens": ["a"], "ner_tags": ["O"]}\n', 'json'], // sniffed: a JSON object per line
    ['train.txt', '  [\n {"tokens": []}]', 'json'],
    ['train.txt', '[ O\n] O\n', 'columns'], // a "[" token
    ['train.txt', '{ O\n} O\n', 'columns'], // a "{" token
    ['train.txt', '{\n"tokens": ["a"], "ner_tags": ["O"]}', 'json'], // a pretty-printed object
  ])('%s %j -> %s', (file, text, format) => {
    expect(detectFormat(text, file)).toBe(format);
  });
});

describe('sniffColumnLayout', () => {
  it.each<[string, string, object]>([
    ['Universal NER: index, token, tag, two more', '# sent_id = 1\n1\tGo\tO\t-\t-\n2\tTampa\tB-LOC\t-\tx\n', { tokenColumn: 1, tagColumn: 2 }],
    ['index, token, tag', '1\tGo\tO\n2\tTampa\tB-LOC\n', { tokenColumn: 1, tagColumn: 2 }],
    ['CoNLL-2003', 'EU NNP B-NP B-ORG\n', {}],
    ['CoNLL-U: the third column is a lemma', '1\tWent\tgo\tVERB\n', {}],
    ['a numeric token at the start, not 1', '1990\tNN\tO\n', {}],
  ])('%s', (_name, text, expected) => {
    expect(sniffColumnLayout(text)).toEqual(expected);
  });
});

describe('parseFile', () => {
  it('reads a Universal NER file without options', () => {
    const parsed = parseFile('# text = Go to Tampa\n1\tGo\tO\t-\t-\n2\tto\tO\t-\t-\n3\tTampa\tB-LOC\t-\tx\n', 'en.iob2');
    expect(parsed).toMatchObject({ format: 'columns', scheme: 'IOB2', diagnostics: [] });
    expect(parsed.sentences).toEqual([{ tokens: ['Go', 'to', 'Tampa'], tags: ['O', 'O', 'B-LOC'], line: 2 }]);
  });

  it('explicit columns win over the sniffed layout', () => {
    const parsed = parseFile('1\tGo\tO\tB-X\n', 'x.txt', { tokenColumn: 0, tagColumn: -1 });
    expect(parsed.sentences[0]).toMatchObject({ tokens: ['1'], tags: ['B-X'] });
  });

  it('reads JSONL with a byte-order mark', () => {
    const parsed = parseFile('\uFEFF{"tokens": ["a"], "ner_tags": ["B-X"]}\n', 'x.jsonl');
    expect(parsed).toMatchObject({ format: 'json', sentences: [{ tokens: ['a'], tags: ['B-X'], line: 1 }], diagnostics: [] });
  });

  it('names the scheme and the line of each slip: columns count token lines, JSON counts records', () => {
    const columns = parseFile('a B-X\nb I-X\n\nc O\nd I-Y\ne I-Y\n\nf B-Z\n', 'x.txt');
    expect(columns.scheme).toBe('IOB2');
    expect(columns.diagnostics.map((d) => [d.line, d.message])).toEqual([[5, 'x.txt line 5 has I-Y after O: IOB2 entities start with B-']]);
    const json = parseFile('{"tokens": ["a", "b"], "ner_tags": ["B-X", "O"]}\n{"tokens": ["c", "d"], "ner_tags": ["O", "B-Y"]}\n{"tokens": ["e", "f"], "ner_tags": ["O", "I-Z"]}\n', 'x.jsonl');
    expect(json.diagnostics.map((d) => d.line)).toEqual([3]);
  });

  it('repairs clear slips on request and says how many tags changed', () => {
    const parsed = parseFile('a B-X\nb I-X\n\nc O\nd I-Y\ne I-Y\n\nf B-Z\n', 'x.txt', { repair: true });
    expect(parsed.sentences.map((s) => s.tags)).toEqual([['B-X', 'I-X'], ['O', 'B-Y', 'I-Y'], ['B-Z']]);
    expect(parsed.diagnostics.at(-1)?.message).toBe('x.txt: repaired 1 tags to follow IOB2');
  });

  it('validate: false skips the scheme check', () => {
    expect(parseFile('a O\nb I-Y\nc O\nd B-X\ne O\nf B-Z\n', 'x.txt', { validate: false }).diagnostics).toEqual([]);
  });
});

describe('parseFile never throws', () => {
  it.each(['fuzz.txt', 'fuzz.jsonl', 'fuzz.json'])('on random input named %s', (file) => {
    const rng = makeRng(11);
    const alphabet = ['{', '}', '[', ']', '"', ',', ':', '\\', 'tokens', 'ner_tags', 'text', 'label', '0', '5', 'B-X', 'I-X', 'E-X', 'O', ' ', '\n', '\t', '\u0000'];
    for (let trial = 0; trial < 400; trial++) {
      let text = '';
      for (let i = Math.floor(rng() * 50); i > 0; i--) text += alphabet[Math.floor(rng() * alphabet.length)];
      const parsed = parseFile(text, file);
      for (const s of parsed.sentences) expect(s.tags).toHaveLength(s.tokens.length);
      if (parsed.sentences.length === 0) expect(parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      for (const d of parsed.diagnostics) expect(d.message.startsWith(file)).toBe(true);
    }
  });
});

// Bad input: every message names the file, and the line wherever the problem sits on one.
describe('bad input', () => {
  const binary = 'PK\u0003\u0004\u0000\u0000\u0008\u0000 O\n';
  it.each<[string, string, string, 'error' | 'warning', number | undefined, RegExp]>([
    ['empty column file', 'x.txt', '', 'error', undefined, /contains no sentences/],
    ['empty JSONL file', 'x.jsonl', '', 'error', undefined, /contains no sentences/],
    ['whitespace only', 'x.txt', ' \n\t\n', 'error', undefined, /contains no sentences/],
    ['binary column file', 'x.txt', binary, 'error', 1, /looks like a binary file \(line 1 has a NUL byte\), not text/],
    ['binary .json file', 'x.json', `[\n${binary}`, 'error', 2, /binary file \(line 2 has a NUL byte\), not text; expected JSON records/],
    ['wrong column count', 'x.txt', 'a NN B-X\nb O\n\nc NN B-Y\n', 'error', 2, /has 2 columns but line 1 has 3/],
    ['a tag that fits no scheme', 'x.txt', 'a B-X\nb O\n\nc PER\n', 'error', 4, /has the tag "PER", no prefix: expected O, or B-.*; its sentence was skipped\.$/],
    ['a lowercase tag', 'x.txt', 'a B-X\nb b-per\n', 'error', 2, /has the tag "b-per", a prefix in lower case: .* It clearly means B-PER: the fix-tags option/],
    ['no entities in a column file', 'x.txt', 'a O\nb O\n', 'warning', undefined, /every tag is O/],
    ['no entities in a JSONL file', 'x.jsonl', '{"text": "a b", "label": []}\n', 'warning', undefined, /has no entities: every tag is O/],
    ['invalid JSON', 'x.jsonl', '{"tokens": ["a"], "ner_tags": ["B-X"]}\n{"tokens": \n', 'error', 2, /is not valid JSON/],
    ['an E- with no start', 'x.txt', 'a S-X\nb O\nc E-Y\n', 'warning', 3, /has E-Y after O: the entity has no start \(B-Y, or S-Y for one token\)/],
    ['mixed schemes', 'x.txt', 'a U-X\nb O\nc S-Y\n', 'warning', 3, /has S-Y after O: an IOBES tag in a BILOU file; the file mixes tag schemes/],
  ])('%s', (_name, file, text, severity, line, message) => {
    const { diagnostics } = parseFile(text, file);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ severity, file });
    expect(d.line).toBe(line);
    expect(d.message.startsWith(file)).toBe(true);
    if (line !== undefined) expect(d.message).toContain(`line ${line} `);
    expect(d.message).toMatch(message);
  });
});

const datasets = fileURLToPath(new URL('../../../../shared/datasets', import.meta.url));
const uner = `${datasets}/uner-en-ewt/en_ewt-ud-dev.iob2`;
const conll = `${datasets}/conll2003/eng.train`;
const title = (name: string, path: string) => (existsSync(path) ? name : `${name} (skipped: ${path} is absent)`);

describe.skipIf(!existsSync(uner))(title('Universal NER English-EWT dev, sniffed', uner), () => {
  it('has the counts SOURCE.md lists, with no options', () => {
    const parsed = parseFile(readFileSync(uner, 'utf8'), 'en_ewt-ud-dev.iob2');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.sentences).toHaveLength(2001);
    expect(parsed.sentences.reduce((n, s) => n + s.tokens.length, 0)).toBe(25149);
  });
});

describe.skipIf(!existsSync(conll))(title('CoNLL-2003 eng.train, scheme check', conll), () => {
  it('is IOB1 and its two B-MISC after O are the only slips', () => {
    const parsed = parseFile(readFileSync(conll, 'utf8'), 'eng.train');
    expect(parsed.scheme).toBe('IOB1');
    // SOURCE.md says lines 152,426 and 175,434; `grep -n` on the file puts them two lines later.
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      'eng.train line 152428 has B-MISC after O: in IOB1, B- only separates two adjacent MISC entities',
      'eng.train line 175436 has B-MISC after O: in IOB1, B- only separates two adjacent MISC entities',
    ]);
  });
});
