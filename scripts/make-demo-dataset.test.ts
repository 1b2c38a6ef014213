/** @file Checks the committed demo dataset equals a fresh generation and has the promised shape. */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { DEMO_DIR, DEMO_SEED, ENTITY_TYPES, SPLIT_SIZES, generateDemoDataset, generateDemoSentences, demoStats, type SplitName } from './make-demo-dataset';
import { ENTITY_TEMPLATES, PLAIN_TEMPLATES } from './demo-lexicon';

const SPLITS = Object.keys(SPLIT_SIZES) as SplitName[];
const generated = generateDemoDataset(DEMO_SEED);
const committed = (name: string) => readFileSync(`${DEMO_DIR}${name}`, 'utf8');

/** A minimal reader for the files as written: returns [token, tag] rows per sentence. */
function parse(text: string): [string, string][][] {
  const lines = text.split('\n');
  expect(lines.slice(0, 2)).toEqual(['-DOCSTART- O', '']);
  expect(text.endsWith('\n\n')).toBe(true);
  expect(text.includes('\n\n\n')).toBe(false);
  return text
    .slice('-DOCSTART- O\n\n'.length)
    .trimEnd()
    .split('\n\n')
    .map((block) => block.split('\n').map((l) => l.split(' ') as [string, string]));
}

describe('demo dataset', () => {
  it('committed files equal a fresh generation', () => {
    for (const split of SPLITS) expect(committed(`${split}.txt`)).toBe(generated[split]);
    expect(committed('README.md')).toBe(generated.readme);
  });

  it('is deterministic in the seed', () => {
    expect(generateDemoDataset(DEMO_SEED).train).toBe(generated.train);
    expect(generateDemoDataset(DEMO_SEED + 1).train).not.toBe(generated.train);
  });

  it('is well-formed CoNLL with valid IOB2 tags', () => {
    const tagRe = new RegExp(`^(O|[BI]-(${ENTITY_TYPES.join('|')}))$`);
    const problems: string[] = [];
    for (const split of SPLITS) {
      for (const sentence of parse(generated[split])) {
        sentence.forEach(([token, tag], i) => {
          const where = `${split}: ${sentence.map((r) => r[0]).join(' ')}`;
          if (!token || !tagRe.test(tag ?? '')) problems.push(`bad line "${token} ${tag}" in ${where}`);
          if (tag?.startsWith('I-') && !(i > 0 && ['B', 'I'].map((p) => `${p}-${tag.slice(2)}`).includes(sentence[i - 1][1])))
            problems.push(`${tag} without a preceding B/I of its type in ${where}`);
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('has the promised sizes', () => {
    let bytes = 0;
    for (const split of SPLITS) {
      const sentences = parse(generated[split]);
      expect(sentences.length).toBe(SPLIT_SIZES[split]);
      for (const s of sentences) {
        expect(s.length).toBeGreaterThanOrEqual(5);
        expect(s.length).toBeLessThanOrEqual(30);
      }
      bytes += generated[split].length;
    }
    expect(bytes).toBeGreaterThan(150_000);
    expect(bytes).toBeLessThan(260_000);
    expect(ENTITY_TEMPLATES.length).toBeGreaterThanOrEqual(60);
    expect(PLAIN_TEMPLATES.length).toBeGreaterThanOrEqual(10);
  });

  it('covers every type in every split, with some sentences free of entities and some unseen names', () => {
    const stats = demoStats(generateDemoSentences(DEMO_SEED));
    for (const split of SPLITS) {
      for (const type of ENTITY_TYPES) expect(stats[split].entities[type], `${type} in ${split}`).toBeGreaterThan(SPLIT_SIZES[split] / 20);
      const plainShare = stats[split].plain / stats[split].sentences;
      expect(plainShare).toBeGreaterThan(0.08);
      expect(plainShare).toBeLessThan(0.25);
    }
    for (const split of ['dev', 'test'] as const) {
      expect(stats[split].unseen).toBeGreaterThan(0.2);
      expect(stats[split].unseen).toBeLessThan(0.5);
    }
  });

  it('is not trivially separable: a word is LOC in one place and inside ORG in another, and tokens are varied', () => {
    const rows = parse(generated.train).flat();
    const asLoc = new Set(rows.filter(([, t]) => t === 'B-LOC').map(([w]) => w));
    const inOrg = new Set(rows.filter(([, t]) => t.endsWith('-ORG')).map(([w]) => w));
    expect([...asLoc].filter((w) => inOrg.has(w)).length).toBeGreaterThan(5);
    expect(rows.some(([w, t]) => t === 'O' && /^\d/.test(w))).toBe(true);
    expect(rows.some(([w, t]) => t === 'O' && /^[A-Z]/.test(w))).toBe(true);
    expect(new Set(rows.map(([w]) => w)).size).toBeGreaterThan(800);
  });
});
