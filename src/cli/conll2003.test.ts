/** `ner` on CoNLL-2003 itself (../shared/datasets/conll2003, absent in a person's own checkout): counts from SOURCE.md. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixtureDir, runNer } from '../../testing/runNer';

const conll = fileURLToPath(new URL('../../../shared/datasets/conll2003', import.meta.url));
const present = existsSync(`${conll}/eng.testb`) && existsSync(`${conll}/iob2/valid.txt`);
const title = present ? 'ner on CoNLL-2003' : `ner on CoNLL-2003 (skipped: ${conll} is absent)`;

/** Appends a predicted column to every token line of a column file. */
const withPredicted = (text: string, predicted: (cols: string[], n: number) => string) => {
  let n = 0;
  return text
    .split('\n')
    .map((line) => (line.trim() === '' || line.startsWith('-DOCSTART-') ? line : `${line} ${predicted(line.split(' '), n++)}`))
    .join('\n');
};
const nerTags = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-')).map((l) => l.split(' ')[3]);

describe.skipIf(!present).concurrent(title, () => {
  it('score: eng.testb with predicted = gold gives 1.0 everywhere, supports as SOURCE.md lists', async () => {
    const dir = fixtureDir({ 'perfect.txt': withPredicted(readFileSync(`${conll}/eng.testb`, 'utf8'), (cols) => cols[3]) });
    const r = await runNer(['score', 'perfect.txt', '--json'], dir);
    expect(r.status).toBe(0);
    const one = (support: number) => ({ precision: 1, recall: 1, f1: 1, support });
    expect(JSON.parse(r.stdout)).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
      accuracy: 1,
      per_type: { LOC: one(1668), MISC: one(702), ORG: one(1661), PER: one(1617) },
    });
  });

  it('score: IOB1 gold against the IOB2 copy as predictions is entity-perfect, token-imperfect', async () => {
    const iob2 = nerTags(readFileSync(`${conll}/iob2/valid.txt`, 'utf8'));
    const dir = fixtureDir({ 'mixed.txt': withPredicted(readFileSync(`${conll}/eng.testa`, 'utf8'), (_cols, n) => iob2[n]) });
    const r = await runNer(['score', 'mixed.txt', '--json'], dir);
    const scores = JSON.parse(r.stdout);
    expect(scores).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    // Tokens differ exactly where an entity starts with I- in IOB1 and B- in IOB2: the B- counts in valid.txt less
    // the 4 B-MISC already in eng.testa. 1,837 + 922 + 1,341 + 1,842 - 4 = 5,938 of 51,362.
    expect(scores.accuracy).toBeCloseTo(1 - 5938 / 51362, 12);
  });

  it('stats --json: sentences, tokens and entities as SOURCE.md lists', async () => {
    const r = await runNer(['stats', `${conll}/eng.testa`, `${conll}/iob2/valid.txt`, '--json'], conll);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const entities = { LOC: 1837, MISC: 922, ORG: 1341, PER: 1842 };
    expect(JSON.parse(r.stdout).files).toEqual([
      { file: `${conll}/eng.testa`, scheme: 'IOB1', sentences: 3250, tokens: 51362, entities },
      { file: `${conll}/iob2/valid.txt`, scheme: 'IOB2', sentences: 3250, tokens: 51362, entities },
    ]);
  });

  it('convert: eng.testa to IOB2 reproduces iob2/valid.txt tag for tag; BIOES and back to IOB1 is byte-identical', async () => {
    const iob2 = await runNer(['convert', `${conll}/eng.testa`, '--to', 'iob2'], conll);
    expect(iob2.status).toBe(0);
    expect(nerTags(iob2.stdout)).toEqual(nerTags(readFileSync(`${conll}/iob2/valid.txt`, 'utf8')));
    const bioes = await runNer(['convert', `${conll}/eng.testa`, '--to', 'bioes'], conll);
    const back = await runNer(['convert', '-', '--to', 'iob1'], conll, bioes.stdout);
    expect(back.stdout).toBe(readFileSync(`${conll}/eng.testa`, 'utf8'));
  });
});
