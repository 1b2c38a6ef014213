/**
 * Issue 15, data loss and corruption, through the real `ner` executable: no command writes over a file it reads;
 * files in Latin-1 / Windows-1252, UTF-16 and UTF-8 with a BOM are read right and written back in their encoding;
 * tokens holding spaces survive every file the tools write; outputs are whole or absent. Every case checks the
 * exit status, the message, and that the inputs and earlier outputs are byte for byte and mtime for mtime untouched.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir, runNer, snapshot } from '../../testing/runNer';

const CHECKPOINT = new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url).pathname;

/** Text in Windows-1252: one byte a character (the text below has only Latin-1 characters and the euro sign). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => (c === '\u20AC' ? 0x80 : c.charCodeAt(0))));
const utf16 = (text: string, le: boolean) => {
  const out = Buffer.alloc(2 + 2 * text.length);
  (le ? out.writeUInt16LE : out.writeUInt16BE).call(out, 0xfeff, 0);
  for (let i = 0; i < text.length; i++) (le ? out.writeUInt16LE : out.writeUInt16BE).call(out, text.charCodeAt(i), 2 + 2 * i);
  return out;
};

// A German IOB1 file (CoNLL-2002 style): an accent in most tokens, so one in ten characters is not ASCII.
const GERMAN = 'J\u00FCrgen I-PER\nM\u00FCller I-PER\nflog O\nnach O\nK\u00F6ln I-LOC\n\n\u00C4rzte O\nin O\nM\u00FCnchen I-LOC\nzahlen O\n5\u20AC O\n';
const GERMAN_BIOES = 'J\u00FCrgen B-PER\nM\u00FCller E-PER\nflog O\nnach O\nK\u00F6ln S-LOC\n\n\u00C4rzte O\nin O\nM\u00FCnchen S-LOC\nzahlen O\n5\u20AC O\n';

/** Runs ner in a fresh folder holding `files`; returns the result, the folder, and its files before and after. */
async function inFolder(files: Record<string, string | Uint8Array>, args: string[], setup?: (dir: string) => void) {
  const dir = fixtureDir(files);
  setup?.(dir);
  const before = snapshot(dir);
  const r = await runNer(args, dir);
  return { r, dir, before, after: snapshot(dir) };
}

/** Files of `before` that must still be there unchanged: same bytes, same mtime. */
function expectUntouched(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>, names = Object.keys(before)): void {
  for (const name of names) {
    expect(after[name], name).toBeDefined();
    expect(after[name].bytes.equals(before[name].bytes), `${name} bytes`).toBe(true);
    expect(after[name].mtimeMs, `${name} mtime`).toBe(before[name].mtimeMs);
  }
}

const noTemporaryFiles = (dir: string) => expect(readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('.tmp'))).toEqual([]);

describe.concurrent('1. no command writes over a file it reads', () => {
  it.each<[string, Record<string, string>, string[], RegExp, ((dir: string) => void)?]>([
    [
      'prepare-data whose data.train is its own train.split.txt',
      { 'run.yaml': 'data:\n  train: train.split.txt\n', 'train.split.txt': 'a B-X\n\nb O\n\nc B-Y\n\nd O\n\ne B-X\n' },
      ['prepare-data', '--config', 'run.yaml'],
      /^ner prepare-data: refusing to write train\.split\.txt: it is data\.train of run\.yaml \(train\.split\.txt\), which this command reads; writing it would lose data/m,
    ],
    [
      'prepare-data whose data.test is the dev.split.txt it would write',
      { 'run.yaml': 'data:\n  train: train.txt\n  test: dev.split.txt\n', 'train.txt': 'a B-X\n\nb O\n\nc B-Y\n', 'dev.split.txt': 'x O\n' },
      ['prepare-data', '--config', 'run.yaml'],
      /refusing to write dev\.split\.txt: it is data\.test of run\.yaml \(dev\.split\.txt\)/,
    ],
    ['convert -o onto its input', { 'x.txt': 'a I-X\n' }, ['convert', 'x.txt', '--to', 'iob2', '-o', 'x.txt'], /^ner convert: refusing to write x\.txt: it is the input \(x\.txt\)/],
    [
      'convert -o onto a hard link to its input',
      { 'x.txt': 'a I-X\n' },
      ['convert', 'x.txt', '--to', 'iob2', '-o', 'same.txt'],
      /^ner convert: refusing to write same\.txt: it is the input \(x\.txt\)/,
      (dir) => linkSync(join(dir, 'x.txt'), join(dir, 'same.txt')),
    ],
    ['predict -o onto --data', { 'd.txt': 'Anna B-PER\n' }, ['predict', '--checkpoint', CHECKPOINT, '--data', 'd.txt', '-o', 'd.txt'], /^ner predict: refusing to write d\.txt: it is --data \(d\.txt\)/],
    [
      'predict -o onto --checkpoint',
      { 'd.txt': 'Anna B-PER\n' },
      ['predict', '--checkpoint', 'c.zip', '--data', 'd.txt', '-o', 'c.zip'],
      /^ner predict: refusing to write c\.zip: it is --checkpoint \(c\.zip\)/,
      (dir) => copyFileSync(CHECKPOINT, join(dir, 'c.zip')),
    ],
  ])('%s: refused, naming both, nothing written', async (_name, files, args, message, setup) => {
    const { r, dir, before, after } = await inFolder(files, args, setup);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expectUntouched(before, after);
    noTemporaryFiles(dir);
  });

  it('prepare-data run twice on train.txt writes the same split, and train.txt stays as it was', async () => {
    const files = { 'run.yaml': 'data:\n  train: train.txt\n', 'train.txt': Array.from({ length: 10 }, (_, i) => `w${i} B-X\nv O\n`).join('\n') };
    const first = await inFolder(files, ['prepare-data', '--config', 'run.yaml']);
    expect(first.r.status).toBe(0);
    expect(first.r.stdout).toMatch(/no data\.dev: wrote the split to train\.split\.txt \(8 sentences\) and dev\.split\.txt \(2\)/);
    expectUntouched(first.before, first.after);
    const again = await runNer(['prepare-data', '--config', 'run.yaml'], first.dir);
    expect(again.status).toBe(0);
    const third = snapshot(first.dir);
    for (const name of ['train.split.txt', 'dev.split.txt', 'train.txt']) expect(third[name].bytes.equals(first.after[name].bytes)).toBe(true);
  });
});

describe.concurrent('2. encodings are detected, named, and kept on output', () => {
  it.each<[string, Uint8Array, Uint8Array, string]>([
    [
      'Windows-1252 (Latin-1), accents in most tokens',
      cp1252(GERMAN),
      cp1252(GERMAN_BIOES),
      'note: de.txt is not UTF-8; read it as Windows-1252 (Latin-1)\nwrote out.txt (Windows-1252 (Latin-1), as de.txt): IOB1 -> IOBES, 4 tags changed\n',
    ],
    [
      'UTF-16 LE with its byte-order mark',
      utf16(GERMAN, true),
      utf16(GERMAN_BIOES, true),
      'note: de.txt is UTF-16 LE (it starts with a byte-order mark); read it as such\nwrote out.txt (UTF-16 LE, as de.txt): IOB1 -> IOBES, 4 tags changed\n',
    ],
    [
      'UTF-16 BE with its byte-order mark',
      utf16(GERMAN, false),
      utf16(GERMAN_BIOES, false),
      'note: de.txt is UTF-16 BE (it starts with a byte-order mark); read it as such\nwrote out.txt (UTF-16 BE, as de.txt): IOB1 -> IOBES, 4 tags changed\n',
    ],
    [
      'UTF-8 with a byte-order mark, which convert keeps',
      Buffer.from(`\uFEFF${GERMAN}`),
      Buffer.from(`\uFEFF${GERMAN_BIOES}`),
      'wrote out.txt (UTF-8 with a byte-order mark, as de.txt): IOB1 -> IOBES, 4 tags changed\n',
    ],
  ])('%s: convert -o writes the same encoding, stats counts the same entities', async (_name, input, expected, stderr) => {
    const { r, dir, before, after } = await inFolder({ 'de.txt': input }, ['convert', 'de.txt', '--to', 'bioes', '-o', 'out.txt']);
    expect(r).toMatchObject({ status: 0, stderr, stdout: '' });
    expect(new Uint8Array(after['out.txt'].bytes)).toEqual(new Uint8Array(expected));
    expectUntouched(before, after);
    const stats = await runNer(['stats', 'out.txt', '--json'], dir);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout).files[0]).toMatchObject({ scheme: 'IOBES', sentences: 2, tokens: 10, entities: { LOC: 2, PER: 1 } });
  });

  it('predict writes its output in the data file’s encoding', async () => {
    const { r, after } = await inFolder({ 'd.txt': cp1252('Anna B-PER\nBerg I-PER\nlives O\nin O\nK\u00F6ln B-LOC\n') }, ['predict', '--checkpoint', CHECKPOINT, '--data', 'd.txt', '-o', 'p.txt']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^note: d\.txt is not UTF-8; read it as Windows-1252 \(Latin-1\)\nwrote p\.txt \(Windows-1252 \(Latin-1\), as d\.txt\): 1 sentences, /);
    const text = new TextDecoder('latin1').decode(after['p.txt'].bytes);
    expect(text.split('\n')[4]).toMatch(/^K\u00F6ln B-LOC [BIO]/);
    expect(after['p.txt'].bytes.includes(0xf6)).toBe(true);
  });

  it.each<[string, Uint8Array, number]>([
    ['a NUL on line 3', Buffer.from('a B-X\nb O\nc\u0000 O\n'), 3],
    ['UTF-16 without a byte-order mark (a NUL after every ASCII byte)', utf16('a B-X\nb O\n', true).subarray(2), 1],
  ])('%s: refused as binary, naming the line', async (_name, bytes, line) => {
    const { r } = await inFolder({ 'x.txt': bytes }, ['stats', 'x.txt']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: x\\.txt looks like a binary file \\(line ${line} has a NUL byte\\), not text; .*A UTF-16 file needs its byte-order mark`));
  });
});

describe.concurrent('3. tokens holding spaces survive every file the tools write', () => {
  const json = '{"tokens": ["New York", "is", "big"], "ner_tags": ["B-LOC", "O", "O"]}\n{"tokens": ["Anna", "van der Berg"], "ner_tags": ["B-PER", "I-PER"]}\n';
  const tabs = 'New York\tB-LOC\nis\tO\n\nAnna\tB-PER\nvan der Berg\tI-PER\n';

  it('convert of JSON writes tab-separated lines that stats reads back to the same tokens and entities', async () => {
    const { r, dir } = await inFolder({ 'x.jsonl': json }, ['convert', 'x.jsonl', '--to', 'bioes', '-o', 'x.txt']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'x.txt'), 'utf8')).toBe('New York\tS-LOC\nis\tO\nbig\tO\n\nAnna\tB-PER\nvan der Berg\tE-PER\n');
    const stats = await runNer(['stats', 'x.txt', '--json'], dir);
    expect(JSON.parse(stats.stdout).files[0]).toMatchObject({ sentences: 2, tokens: 5, entities: { LOC: 1, PER: 1 } });
  });

  it('predict on a tab file keeps the tabs, and score reads its output back', async () => {
    const { r, dir } = await inFolder({ 'd.txt': tabs }, ['predict', '--checkpoint', CHECKPOINT, '--data', 'd.txt', '-o', 'p.txt']);
    expect(r.status).toBe(0);
    const lines = readFileSync(join(dir, 'p.txt'), 'utf8').split('\n');
    expect(lines[0]).toMatch(/^New York\tB-LOC\t\S+$/);
    expect(lines[4]).toMatch(/^van der Berg\tI-PER\t\S+$/);
    const score = await runNer(['score', 'p.txt', '--json'], dir);
    expect(score.stderr).toBe('');
    expect(score.status).toBe(0);
    expect(JSON.parse(score.stdout).per_type).toMatchObject({ LOC: { support: 1 }, PER: { support: 1 } });
  });

  it('prepare-data writes a split of a tab file with tabs, and stats reads both parts back', async () => {
    const train = Array.from({ length: 10 }, (_, i) => `New York ${i}\tB-LOC\nis\tO\n`).join('\n');
    const { r, dir } = await inFolder({ 'run.yaml': 'data:\n  train: train.txt\n', 'train.txt': train }, ['prepare-data', '--config', 'run.yaml']);
    expect(r.status).toBe(0);
    const stats = await runNer(['stats', 'train.split.txt', 'dev.split.txt', '--json'], dir);
    expect(JSON.parse(stats.stdout).files.map((f: { tokens: number }) => f.tokens)).toEqual([16, 4]);
    expect(readFileSync(join(dir, 'dev.split.txt'), 'utf8')).toMatch(/^New York \d\tB-LOC\nis\tO\n/);
  });

  it('a token no column file can hold is an error naming its line, and nothing is written', async () => {
    const bad = '{"tokens": ["a", "b"], "ner_tags": ["B-X", "O"]}\n{"tokens": ["c", ""], "ner_tags": ["O", "O"]}\n';
    const { r, before, after } = await inFolder({ 'x.jsonl': bad, 'out.txt': 'earlier output\n' }, ['convert', 'x.jsonl', '--to', 'iob2', '-o', 'out.txt']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: x\.jsonl line 2: token 2 "" is empty, which a column file cannot hold\nner convert: x\.jsonl has tokens a column file cannot hold \(listed above\); nothing was written\n$/);
    expectUntouched(before, after);
  });
});

describe.concurrent('4. outputs are whole or absent', () => {
  it.each<[string, Record<string, string>, string[], number, RegExp, ((dir: string) => void)?]>([
    ['convert -o into a folder', { 'x.txt': 'a B-X\n' }, ['convert', 'x.txt', '--to', 'iob2', '-o', 'sub'], 1, /^ner convert: cannot write sub: it is a folder; give a file name\n$/, (dir) => mkdirSync(join(dir, 'sub'))],
    ['convert -o into a missing folder', { 'x.txt': 'a B-X\n' }, ['convert', 'x.txt', '--to', 'iob2', '-o', 'nowhere/x.txt'], 1, /^ner convert: cannot write nowhere\/x\.txt: the folder nowhere does not exist; create it first\n$/],
    [
      'convert of a file with errors over an earlier output',
      { 'x.txt': 'a B-X\nb O\n\nc NN B-X\n', 'out.txt': 'earlier output\n' },
      ['convert', 'x.txt', '--to', 'iob2', '-o', 'out.txt'],
      1,
      /^error: x\.txt line 4 has 3 columns but line 1 has 2; its sentence was skipped\nner convert: x\.txt has errors \(listed above\); fix them before converting, or lines would be lost; nothing was written\n$/,
    ],
    [
      'predict with a damaged checkpoint over an earlier output',
      { 'd.txt': 'Anna B-PER\n', 'p.txt': 'earlier output\n', 'c.zip': 'not a zip' },
      ['predict', '--checkpoint', 'c.zip', '--data', 'd.txt', '-o', 'p.txt'],
      1,
      /^ner predict: c\.zip: not a zip file, or a damaged one/,
    ],
  ])('%s: exit %i, a message, the earlier files untouched, no temporary file left', async (_name, files, args, status, message, setup) => {
    const { r, dir, before, after } = await inFolder(files, args, setup);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expectUntouched(before, after);
    noTemporaryFiles(dir);
  });
});

// Keep the writer honest: a successful -o leaves exactly the output beside the input.
it('a successful convert -o leaves only its output beside the input', async () => {
  const { r, dir, before, after } = await inFolder({ 'x.txt': 'a I-X\n' }, ['convert', 'x.txt', '--to', 'iob2', '-o', 'y.txt']);
  expect(r.status).toBe(0);
  expect(Object.keys(after).sort()).toEqual(['x.txt', 'y.txt']);
  expectUntouched(before, after);
  noTemporaryFiles(dir);
});
