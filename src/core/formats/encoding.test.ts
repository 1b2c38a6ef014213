import { describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import { bomBytes, decodeBytes, encodeText, NotUtf8Error, StreamDecoder, UnencodableError, type TextEncoding } from './encoding';

// Text with accents (Latin-1), a Windows-1252 extra (the euro sign, curly quotes) and ASCII tags.
const TEXT = 'Jos\u00E9 B-PER\nM\u00FCller I-PER\n\u20AC \u201Cquoted\u201D O\n\nK\u00F6ln B-LOC\n';

/** The bytes of TEXT in each encoding, written by hand (not by the encoder under test). */
function bytesOf(text: string, encoding: TextEncoding): Uint8Array {
  const cp1252: Record<number, number> = { 0x20ac: 0x80, 0x201c: 0x93, 0x201d: 0x94 };
  const units = [...text].map((c) => c.charCodeAt(0));
  switch (encoding) {
    case 'utf-8':
      return Uint8Array.from(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    case 'utf-16be':
      return Uint8Array.from([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
    case 'windows-1252':
      return Uint8Array.from(units.map((u) => cp1252[u] ?? u));
  }
}

const ENCODINGS: TextEncoding[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];

/** StreamDecoder over bytes cut at random, restarting as Windows-1252 on NotUtf8Error as its callers do. */
function decodeInChunks(bytes: Uint8Array, rng: () => number, maxChunk: number): { text: string; encoding: TextEncoding } {
  const run = (forced?: TextEncoding) => {
    const decoder = new StreamDecoder(forced);
    let text = '';
    for (let at = 0; at < bytes.length; ) {
      const n = 1 + Math.floor(rng() * maxChunk);
      text += decoder.push(bytes.subarray(at, at + n));
      at += n;
    }
    text += decoder.finish();
    return { text, encoding: decoder.encoding! };
  };
  try {
    return run();
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return run('windows-1252');
  }
}

describe('text encodings', () => {
  it.each(ENCODINGS)('%s: detected, decoded whole and in chunks cut anywhere, and written back byte for byte', (encoding) => {
    const bytes = bytesOf(TEXT, encoding);
    expect(decodeBytes(bytes)).toEqual({ text: TEXT, encoding });
    const rng = makeRng(bytes.length);
    for (const maxChunk of [1, 2, 3, 7, 1000]) expect(decodeInChunks(bytes, rng, maxChunk)).toEqual({ text: TEXT, encoding });
    const written = new Uint8Array([...bomBytes(encoding), ...encodeText(TEXT, encoding)]);
    expect(written).toEqual(bytes);
  });

  it.each<[string, Uint8Array, TextEncoding, string]>([
    ['an empty file', new Uint8Array(), 'utf-8', ''],
    ['one byte', Uint8Array.from([0x41]), 'utf-8', 'A'],
    ['a lone UTF-8 BOM', Uint8Array.from([0xef, 0xbb, 0xbf]), 'utf-8-bom', ''],
    ['a UTF-8 character cut by the end of the file is not UTF-8', Uint8Array.from([0x41, 0xc3]), 'windows-1252', 'A\u00C3'],
    ['Latin-1 whose first accent comes late', Uint8Array.from([...Buffer.from('a'.repeat(5000)), 0xe9]), 'windows-1252', `${'a'.repeat(5000)}\u00E9`],
  ])('%s', (_name, bytes, encoding, text) => {
    expect(decodeBytes(bytes)).toEqual({ text, encoding });
    expect(decodeInChunks(bytes, makeRng(1), 4)).toEqual({ text, encoding });
  });

  it('refuses to write a character Windows-1252 has no byte for, naming it', () => {
    expect(() => encodeText('ok \u6771', 'windows-1252')).toThrow(UnencodableError);
    expect(() => encodeText('ok \u6771', 'windows-1252')).toThrow('"\u6771" (U+6771) has no Windows-1252 (Latin-1) byte');
    // The five bytes Windows-1252 leaves undefined decode to C1 controls and encode back to themselves.
    const undefinedBytes = Uint8Array.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    expect(encodeText(decodeBytes(undefinedBytes).text, 'windows-1252')).toEqual(undefinedBytes);
  });
});
