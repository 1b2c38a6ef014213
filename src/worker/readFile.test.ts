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
    expect(parsed).toEqual({ ...parseFile(text, 'x.conll'), encoding: 'utf-8-bom' });
    expect(parsed.sentences.map((s) => s.tokens)).toEqual([['caf\u00E9', 'na\u00EFve'], ['\u6771\u4EAC']]);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
  });

  const utf16 = (text: string, le: boolean) => {
    const out = new Uint8Array(2 * text.length + 2);
    const view = new DataView(out.buffer);
    view.setUint16(0, 0xfeff, le);
    for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), le);
    return out;
  };
  const text = 'Jos\u00E9 B-PER\nM\u00FCller I-PER\n\nK\u00F6ln B-LOC\n';
  const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
  it.each<[string, Uint8Array, string | null]>([
    ['Windows-1252 (Latin-1), read again from the start once a byte is not UTF-8', latin1, 'de.txt is not UTF-8; read it as Windows-1252 (Latin-1)'],
    ['UTF-16 LE with its byte-order mark', utf16(text, true), 'de.txt is UTF-16 LE (it starts with a byte-order mark); read it as such'],
    ['UTF-16 BE with its byte-order mark', utf16(text, false), 'de.txt is UTF-16 BE (it starts with a byte-order mark); read it as such'],
    ['UTF-8 with a byte-order mark, without a notice', new TextEncoder().encode(`\uFEFF${text}`), null],
  ])('%s, in parts cut anywhere', async (_name, bytes, notice) => {
    for (const cuts of [[], [1], [3, 4, 9], Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)]) {
      const parsed = await parseDroppedFile(fileInParts('de.txt', bytes, cuts));
      expect(parsed.sentences).toEqual(parseFile(text, 'de.txt').sentences);
      expect(parsed.diagnostics).toEqual(notice ? [{ severity: 'warning', file: 'de.txt', message: notice }] : []);
    }
  });

  it('names a binary file and the line of its first NUL byte', async () => {
    const zip = Uint8Array.from([0x61, 0x20, 0x4f, 0x0a, 0x50, 0x4b, 3, 4, 0, 0, 8, 0, 0x20, 0x4f, 0x0a]);
    const parsed = await parseDroppedFile(fileInParts('data.zip', zip, [3, 8]));
    expect(parsed.sentences).toEqual([]);
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: 'data.zip', line: 2, message: expect.stringMatching(/^data\.zip looks like a binary file \(line 2 has a NUL byte\)/) }),
    ]);
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
