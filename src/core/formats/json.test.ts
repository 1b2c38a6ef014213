import { describe, expect, it } from 'vitest';
import type { Sentence } from '../types';
import { parseJson, type JsonOptions } from './json';

interface Case {
  name: string;
  text: string;
  options?: JsonOptions;
  sentences: Sentence[];
  /** [severity, line, message pattern] per diagnostic, in order. */
  diagnostics?: ['error' | 'warning', number | undefined, RegExp][];
}

const CONLL_LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];

const cases: Case[] = [
  {
    name: 'Hugging Face JSONL with label names',
    text: '{"id": "0", "tokens": ["EU", "rejects"], "ner_tags": ["B-ORG", "O"]}\n\n{"tokens": ["Peter"], "ner_tags": ["B-PER"]}\n',
    sentences: [
      { tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'], line: 1 },
      { tokens: ['Peter'], tags: ['B-PER'], line: 3 },
    ],
  },
  {
    name: 'class ids with a label list; pos_tags and chunk_tags become extra columns',
    text: '{"tokens": ["EU", "rejects"], "pos_tags": [22, 42], "chunk_tags": [11, 21], "ner_tags": [3, 0]}\n',
    options: { labels: CONLL_LABELS },
    sentences: [{ tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'], extra: [['22', '42'], ['11', '21']], line: 1 }],
  },
  {
    name: 'class ids and no label list: an error naming the first such line, nothing read',
    text: '{"tokens": ["a"], "ner_tags": ["O"]}\n{"tokens": ["EU"], "ner_tags": [3]}\n{"tokens": ["b"], "ner_tags": [0]}\n',
    sentences: [],
    diagnostics: [['error', 2, /^x\.json line 2 has ner_tags that are class ids \(3, \.\.\.\) and no label names were given/]],
  },
  {
    name: 'a class id past the label list',
    text: '{"tokens": ["a"], "ner_tags": [9]}\n{"tokens": ["b"], "ner_tags": [1]}\n',
    options: { labels: ['O', 'B-X'] },
    sentences: [{ tokens: ['b'], tags: ['B-X'], line: 2 }],
    diagnostics: [['error', 1, /^x\.json line 1 has class id 9 but the label list has 2 names \(0 to 1\); skipped$/]],
  },
  {
    name: 'a JSON array, records named by the line they start on',
    text: '[\n  {"tokens": ["a"], "ner_tags": ["B-X"]},\n  {\n    "tokens": ["b"],\n    "ner_tags": ["O"]\n  }\n]\n',
    sentences: [
      { tokens: ['a'], tags: ['B-X'], line: 2 },
      { tokens: ['b'], tags: ['O'], line: 3 },
    ],
  },
  {
    name: 'a broken record in an array costs that record only; brackets inside strings do not confuse it',
    text: '[{"tokens": ["]", "[,"], "ner_tags": ["B-X", "O"]},\n {"tokens": ["b"] "ner_tags": ["O"]},\n {"tokens": ["c"], "ner_tags": ["B-Y"]}]',
    sentences: [
      { tokens: [']', '[,'], tags: ['B-X', 'O'], line: 1 },
      { tokens: ['c'], tags: ['B-Y'], line: 3 },
    ],
    diagnostics: [['error', 2, /^x\.json line 2 is not valid JSON: /]],
  },
  {
    name: 'an array that never closes',
    text: '[{"tokens": ["a"], "ner_tags": ["B-X"]},\n{"tokens": ["b"]',
    sentences: [{ tokens: ['a'], tags: ['B-X'], line: 1 }],
    diagnostics: [['error', 2, /^x\.json line 2 ends the file inside the JSON array: the closing \] is missing$/]],
  },
  {
    name: 'JSONL: a bad line, a record of neither shape, tokens without tags, lengths that differ, a non-object',
    text: [
      '{"text": "Paris", "label": [[0, 5, "LOC"]]}',
      '{oops',
      '{"words": ["a"]}',
      '{"tokens": ["a"]}',
      '{"tokens": ["a", "b"], "ner_tags": ["O"]}',
      '[1, 2]',
    ].join('\n'),
    sentences: [{ tokens: ['Paris'], tags: ['B-LOC'], line: 1 }],
    diagnostics: [
      ['error', 2, /^x\.json line 2 is not valid JSON: /],
      ['error', 3, /^x\.json line 3 has neither "text" \(character spans\) nor "tokens" \(token tags\), only words; skipped$/],
      ['error', 4, /^x\.json line 4 has tokens but no ner_tags; skipped$/],
      ['error', 5, /^x\.json line 5 has 2 tokens but 1 ner_tags; skipped$/],
      ['error', 6, /^x\.json line 6 is a list, not a record/],
    ],
  },
  {
    name: 'a record missing the extra column the first record has',
    text: '{"tokens": ["a"], "pos_tags": ["NN"], "ner_tags": ["B-X"]}\n{"tokens": ["b"], "ner_tags": ["O"]}\n',
    sentences: [{ tokens: ['a'], tags: ['B-X'], extra: [['NN']], line: 1 }],
    diagnostics: [['error', 2, /^x\.json line 2 lacks the pos_tags list of 1 values that the first record has; skipped$/]],
  },
  {
    name: 'character spans with a cut token: a warning naming the line, the record kept',
    text: '{"text": "a b", "label": []}\n{"text": "ObamaCare", "label": [[0, 5, "PER"]]}\n',
    sentences: [
      { tokens: ['a', 'b'], tags: ['O', 'O'], line: 1 },
      { tokens: ['Obama', 'Care'], tags: ['B-PER', 'O'], line: 2 },
    ],
    diagnostics: [['warning', 2, /^x\.json line 2 \[0, 5, "PER"\] "Obama" cuts the token "ObamaCare"/]],
  },
  {
    name: 'one pretty-printed record',
    text: '{\n  "tokens": ["a"],\n  "ner_tags": ["B-X"]\n}\n',
    sentences: [{ tokens: ['a'], tags: ['B-X'], line: 1 }],
  },
  { name: 'empty array', text: '[]', sentences: [], diagnostics: [['error', undefined, /^x\.json contains no sentences$/]] },
  { name: 'empty file', text: '', sentences: [], diagnostics: [['error', undefined, /^x\.json contains no sentences$/]] },
  {
    name: 'no entities',
    text: '{"tokens": ["a"], "ner_tags": ["O"]}',
    sentences: [{ tokens: ['a'], tags: ['O'], line: 1 }],
    diagnostics: [['warning', undefined, /^x\.json has no entities: every tag is O$/]],
  },
];

describe('parseJson', () => {
  it.each(cases)('$name', ({ text, options, sentences, diagnostics = [] }) => {
    const parsed = parseJson(text, 'x.json', options);
    expect(parsed.sentences).toEqual(sentences);
    expect(parsed.diagnostics.map((d) => [d.severity, d.line, d.message])).toHaveLength(diagnostics.length);
    diagnostics.forEach(([severity, line, message], i) => {
      expect(parsed.diagnostics[i]).toMatchObject({ severity, file: 'x.json' });
      expect(parsed.diagnostics[i].line).toBe(line);
      expect(parsed.diagnostics[i].message).toMatch(message);
    });
  });

  it('caps per-line errors at 20 and counts the rest', () => {
    const parsed = parseJson('{bad\n'.repeat(25), 'x.json');
    expect(parsed.diagnostics.filter((d) => d.line !== undefined)).toHaveLength(20);
    expect(parsed.diagnostics.map((d) => d.message)).toContain('x.json: 5 more errors like these, not listed');
  });
});
