import { describe, expect, it } from 'vitest';
import { parseFile } from '../core/formats';
import { prepareFiles, prepareTexts } from '../core/dataset/finish';
import { parseDroppedFile } from './readFile';

/** A File made of the bytes of `text` cut at the given byte offsets (Node's File streams one chunk per part). */
function fileInParts(name: string, bytes: Uint8Array, cuts: number[]): File {
  const edges = [0, ...cuts, bytes.length];
  return new File(edges.slice(1).map((end, i) => bytes.slice(edges[i], end)), name);
}

describe('parseDroppedFile', () => {
  it('reads a file streamed in parts cut inside a character and inside a CRLF, as parseFile reads its text', async () => {
    const text = 'caf\u00E9 B-LOC\r\nna\u00EFve O\r\n\r\n\u6771\u4EAC B-LOC\r\n';
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    const cuts = [2, 7, 15, 16, 20, 30]; // 2: inside the BOM, 7: inside é, 15/16: around \r\n, 30: inside 東
    const seen: number[] = [];
    const parsed = await parseDroppedFile(fileInParts('x.conll', bytes, cuts), (read) => seen.push(read));
    expect(parsed).toEqual(parseFile(text, 'x.conll'));
    expect(parsed.sentences.map((s) => s.tokens)).toEqual([['caf\u00E9', 'na\u00EFve'], ['\u6771\u4EAC']]);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
  });

  it('turns bytes that are not UTF-8 into U+FFFD as file.text() does, and names a binary file', async () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x4f, 0x0a]); // "café O" in Latin-1
    expect((await parseDroppedFile(new File([latin1], 'l.txt'))).sentences[0].tokens).toEqual(['caf\uFFFD']);
    const zip = Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0, 0x20, 0x4f, 0x0a]);
    const parsed = await parseDroppedFile(fileInParts('data.zip', zip, [3]));
    expect(parsed.sentences).toEqual([]);
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'data.zip', message: expect.stringMatching(/^data\.zip looks like a binary file/) })]);
  });
});

describe('prepareFiles', () => {
  it('gives what prepareTexts gives for the same files', () => {
    const files = [
      { name: 'train.txt', text: 'Anna B-PER\nsaw O\nOslo B-LOC\n\nBob B-PER\n\nRome B-LOC\nis O\nwarm O\n' },
      { name: 'dev.txt', text: 'Anna B-PER\nran O\n' },
      { name: 'notes.bin', text: '\u0000\u0001' },
    ];
    const parsed = files.map((f) => parseFile(f.text, f.name));
    expect(prepareFiles('d', { byName: parsed })).toEqual(prepareTexts('d', files));
    expect(prepareFiles('d', { byName: parsed }).diagnostics[0]).toMatchObject({ severity: 'error', file: 'notes.bin' });
  });
});
