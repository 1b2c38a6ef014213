/**
 * Issue 15, silently wrong results, through the real `ner` executable: a checkpoint is checked before it is used;
 * entity types a checkpoint cannot predict are named; `score` refuses files it would score as nonsense; tags of no
 * scheme are errors naming file and line unless --fix-tags repairs the clear ones. Inputs are generated here.
 */
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../core/checkpoint/safetensors';
import { fixtureDir, runNer, snapshot } from '../../testing/runNer';

const CHECKPOINT = readFileSync(new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url));
const ENTRIES = unzipSync(CHECKPOINT);
// The fixture's labels: O B-LOC B-ORG B-PER I-ORG I-PER.
const DATA = 'Anna B-PER\nBerg I-PER\nlives O\nin O\nOslo B-LOC\n\nCarl B-PER\nvisited O\nAcme B-ORG\nCorp I-ORG\n';

function nanCheckpoint(): Uint8Array {
  const tensors = decodeSafetensors(ENTRIES['model.safetensors']).tensors as Map<string, { shape: number[]; data: Float32Array }>;
  const [name, t] = [...tensors][0];
  t.data[0] = NaN;
  tensors.set(name, t);
  return zipSync({ ...ENTRIES, 'model.safetensors': [encodeSafetensors([...tensors].map(([n, x]) => ({ name: n, ...x }))), { level: 0 }] });
}

describe.concurrent('5. checkpoints are checked, not trusted (evaluate)', () => {
  it.each<[string, () => Uint8Array, RegExp]>([
    ['weights with a NaN', nanCheckpoint, /^ner evaluate: c\.zip: model\.safetensors: tensor '[\w.]+' has 1 NaN values of \d+: training diverged/m],
    [
      'vocab.json labels that disagree with config.json',
      () => zipSync({ ...ENTRIES, 'vocab.json': strToU8(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(ENTRIES['vocab.json'])), labels: ['O', 'B-X'] })) }),
      /^ner evaluate: c\.zip: the labels of config\.json \(O B-LOC B-ORG B-PER I-ORG I-PER\) and of vocab\.json \(O B-X\) disagree/m,
    ],
    ['a broken config.json', () => zipSync({ ...ENTRIES, 'config.json': strToU8('{') }), /^ner evaluate: c\.zip: config\.json in the zip is not valid JSON \(.*\); the checkpoint is damaged$/m],
    ['zeros far beyond what the model needs', () => zipSync({ ...ENTRIES, 'model.safetensors': new Uint8Array(16 << 20) }), /^ner evaluate: c\.zip: model\.safetensors would unpack to 16\.0 MiB, more than this checkpoint's model can use/m],
  ])('%s: exit 1 naming the zip and the entry', async (_name, make, message) => {
    const dir = fixtureDir({ 'c.zip': make(), 'd.txt': DATA });
    const before = snapshot(dir);
    const r = await runNer(['evaluate', '--checkpoint', 'c.zip', '--data', 'd.txt'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe.concurrent('6. entity types the checkpoint has no label for are named', () => {
  it('evaluate warns with each type and its count, and still scores', async () => {
    const data = `${DATA}\nRome B-MISC\nToday I-MISC\n\nAcme B-EVENT\nOslo B-MISC\n`;
    const dir = fixtureDir({ 'c.zip': CHECKPOINT, 'd.txt': data });
    const r = await runNer(['evaluate', '--checkpoint', 'c.zip', '--data', 'd.txt', '--json'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'warning: d.txt has entity types c.zip has no label for: MISC (2 entities), EVENT (1 entity); the model never predicts them, so they all count as missed. Its labels: O B-LOC B-ORG B-PER I-ORG I-PER\n',
    );
    expect(JSON.parse(r.stdout).per_type).toMatchObject({ MISC: { recall: 0, support: 2 }, EVENT: { recall: 0, support: 1 } });
  });
});

describe.concurrent('7. score refuses what it would score as nonsense, naming the line', () => {
  it.each<[string, string, string[], RegExp]>([
    [
      'a 4-column CoNLL data file: chunk tags against NER tags',
      'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\n',
      [],
      /^error: x\.txt line 1: the gold column \(second to last\) has entity types NP, VP and the predicted column \(last\) MISC, ORG, PER: none in common.*\nner score: x\.txt cannot be scored as it is \(see above\); no scores were printed\n$/,
    ],
    [
      'a POS column where the gold tags belong',
      'EU NNP B-ORG\nrejects VBZ O\n',
      [],
      /^error: x\.txt line 1 has the tag "NNP" in the gold column \(second to last\), no prefix: .*; the file cannot be scored\./,
    ],
    [
      'strict mode on IOBES gold and IOB2 predictions',
      'a O O\nb B-PER B-PER\nc E-PER I-PER\n\nd S-LOC B-LOC\n',
      ['--mode', 'strict'],
      /^error: x\.txt line 2: the predicted tags are IOB2 but strict mode scores IOBES, so it would read B-PER here and every entity like it as O\. Convert the predicted tags \(ner convert --to iobes\)/,
    ],
    ['a lower-case predicted tag', 'a B-PER b-per\nb O o\n', [], /^error: x\.txt line 1 has the tag "b-per" in the predicted column \(last\), a prefix in lower case: .* It clearly means B-PER: the fix-tags option/],
  ])('%s: exit 1, no table', async (_name, text, args, message) => {
    const r = await runNer(['score', 'x.txt', ...args], fixtureDir({ 'x.txt': text }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it.each<[string, string, string[], number]>([
    ['default mode reads IOBES gold against IOB2 predictions by their entities', 'a O O\nb B-PER B-PER\nc E-PER I-PER\n\nd S-LOC B-LOC\n', [], 1],
    ['--fix-tags repairs the clear tags and scores', 'a B-PER b-per\nb O o\n', ['--fix-tags'], 1],
  ])('%s', async (_name, text, args, f1) => {
    const r = await runNer(['score', 'x.txt', '--json', ...args], fixtureDir({ 'x.txt': text }));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).f1).toBe(f1);
  });

  it('evaluate --mode strict on IOBES data refuses, naming the line, since the model predicts IOB2', async () => {
    const dir = fixtureDir({ 'c.zip': CHECKPOINT, 'd.txt': 'Anna B-PER\nBerg E-PER\nlives O\n\nOslo S-LOC\n' });
    const r = await runNer(['evaluate', '--checkpoint', 'c.zip', '--data', 'd.txt', '--mode', 'strict'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ner evaluate: d\.txt line \d: the predicted tags are IOB2 but strict mode scores IOBES/m);
  });
});

describe.concurrent('8. tags of no scheme are errors naming file and line; --fix-tags repairs the clear ones', () => {
  const BAD = 'a B-PER\nb I-PER\n\nc b-per\nd o\n\ne X-PER\n\nf B-\n\ng B_LOC\n';
  it.each<[string, string[], number, RegExp, Record<string, number> | null]>([
    [
      'stats',
      ['stats', 'x.txt', '--json'],
      1,
      /^error: x\.txt line 4 has the tag "b-per", a prefix in lower case: .* It clearly means B-PER: the fix-tags option repairs such tags\.\nerror: x\.txt line 7 has the tag "X-PER", an unknown prefix: .*\nerror: x\.txt line 9 has the tag "B-", a prefix with no type: .*\nerror: x\.txt line 11 has the tag "B_LOC", an underscore where the dash belongs: .* It clearly means B-LOC/,
      { PER: 1 },
    ],
    [
      'stats --fix-tags',
      ['stats', 'x.txt', '--json', '--fix-tags'],
      1,
      /^error: x\.txt line 7 has the tag "X-PER", an unknown prefix.*\nerror: x\.txt line 9 has the tag "B-", a prefix with no type.*\nwarning: x\.txt: repaired 3 tags whose meaning was clear \(case, or _ for -\)\n$/,
      { LOC: 1, PER: 2 },
    ],
    ['convert refuses the file', ['convert', 'x.txt', '--to', 'bioes'], 1, /^error: x\.txt line 4 has the tag "b-per".*\nner convert: x\.txt has errors \(listed above\); fix them before converting/s, null],
  ])('%s', async (_name, args, status, message, entities) => {
    const r = await runNer(args, fixtureDir({ 'x.txt': BAD }));
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
    if (entities) expect(JSON.parse(r.stdout).files[0].entities).toEqual(entities);
  });

  it('convert --fix-tags writes the repaired tags once the rest is fixed', async () => {
    const r = await runNer(['convert', 'x.txt', '--to', 'bioes', '--fix-tags'], fixtureDir({ 'x.txt': 'a B-PER\nb i-per\n\nc o\nd b_loc\n' }));
    expect(r).toMatchObject({ status: 0, stdout: 'a B-PER\nb E-PER\n\nc O\nd S-LOC\n' });
    expect(r.stderr).toBe('warning: x.txt: repaired 3 tags whose meaning was clear (case, or _ for -)\n');
  });
});
