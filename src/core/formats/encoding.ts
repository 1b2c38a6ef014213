/**
 * @file Which text encoding a file's bytes are in, decoding them, and writing text back in the same encoding. A
 * byte-order mark names UTF-8, UTF-16 LE or UTF-16 BE; without one a file is UTF-8 when its bytes are valid UTF-8,
 * else Windows-1252 (the superset of Latin-1 in which the original CoNLL-2002 files and many Windows exports come).
 * A binary file decodes too (as Windows-1252); the readers then find its NUL bytes and control characters.
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How messages name each encoding. */
export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte-order mark',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Latin-1)',
};

const BOMS: [TextEncoding, number[]][] = [
  ['utf-8-bom', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

// Windows-1252 bytes 0x80-0x9F, as the Encoding standard maps them (0x81, 0x8D, 0x8F, 0x90, 0x9D map to U+0081...).
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
/** The encoding a byte-order mark at the start names, or null; `bytes` holds the file's first bytes (3 suffice). */
export function bomEncoding(bytes: Uint8Array): TextEncoding | null {
  for (const [encoding, bom] of BOMS) if (bom.every((b, i) => bytes[i] === b)) return encoding;
  return null;
}

interface Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * Windows-1252 by table: Node 20's TextDecoder('windows-1252') decodes ISO-8859-1 instead (0x80 as U+0080, not the
 * euro sign), where browsers follow the Encoding standard; the table gives both the standard's answer.
 */
class Cp1252Decoder implements Decoder {
  private static readonly table = Uint16Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
  private readonly utf16 = new TextDecoder('utf-16le');

  decode(bytes: Uint8Array): string {
    const units = new Uint16Array(bytes.length);
    const table = Cp1252Decoder.table;
    for (let i = 0; i < bytes.length; i++) units[i] = table[bytes[i]];
    return this.utf16.decode(units);
  }
}

/** The decoder for an encoding (the Encoding standard's, which drops the BOM itself; a table for Windows-1252). */
function decoderFor(encoding: TextEncoding, fatal = false): Decoder {
  if (encoding === 'windows-1252') return new Cp1252Decoder();
  return new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { fatal });
}

/** The line a notice gives about an encoding other than plain UTF-8; null for UTF-8 with or without a BOM. */
export function encodingNotice(file: string, encoding: TextEncoding): string | null {
  if (encoding === 'windows-1252') return `${file} is not UTF-8; read it as ${ENCODING_LABELS[encoding]}`;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return `${file} is ${ENCODING_LABELS[encoding]} (it starts with a byte-order mark); read it as such`;
  return null;
}

/** A whole file's bytes as text, and the encoding they were in. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const encoding = bomEncoding(bytes);
  if (encoding) return { text: decoderFor(encoding).decode(bytes), encoding };
  try {
    return { text: decoderFor('utf-8', true).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decoderFor('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Thrown by StreamDecoder when bytes it took for UTF-8 turn out not to be: read the file again as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('the bytes are not UTF-8');
  }
}

/**
 * Decodes a file that arrives in byte chunks. The encoding is decided by the first three bytes (a byte-order mark)
 * or given; without either, the bytes are read as UTF-8 until one is not, and then push() throws NotUtf8Error, so
 * the caller starts again with `new StreamDecoder('windows-1252')` (text already handed out was all ASCII or UTF-8,
 * but a Windows-1252 file may hold valid UTF-8 by chance before its first accent; reading it again keeps it whole).
 */
export class StreamDecoder {
  private decoder: Decoder | null = null;
  private head: number[] = [];
  encoding: TextEncoding | null;

  constructor(encoding?: TextEncoding) {
    this.encoding = encoding ?? null;
    if (encoding) this.decoder = decoderFor(encoding);
  }

  push(bytes: Uint8Array): string {
    if (!this.decoder) {
      // Hold the first bytes until they show whether there is a byte-order mark.
      if (this.head.length + bytes.length < 3) {
        this.head.push(...bytes);
        return '';
      }
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      this.head = [];
      this.start(joined);
      bytes = joined;
    }
    return this.decode(bytes, true);
  }

  finish(): string {
    if (!this.decoder) this.start(Uint8Array.from(this.head));
    const rest = this.head.length > 0 ? Uint8Array.from(this.head) : new Uint8Array();
    this.head = [];
    return this.decode(rest, false);
  }

  private start(first: Uint8Array): void {
    const bom = bomEncoding(first);
    this.encoding = bom ?? 'utf-8';
    this.decoder = decoderFor(this.encoding, bom === null);
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch {
      throw new NotUtf8Error();
    }
  }
}

const CP1252_BYTE = new Map([...CP1252_HIGH].map((ch, i) => [ch.charCodeAt(0), 0x80 + i]));

/** A character the output encoding cannot hold: the text must be written in another encoding. */
export class UnencodableError extends Error {
  constructor(
    readonly char: string,
    readonly encoding: TextEncoding,
  ) {
    super(`${JSON.stringify(char)} (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) has no ${ENCODING_LABELS[encoding]} byte`);
  }
}

/** The byte-order mark a file in this encoding starts with (empty for UTF-8 and Windows-1252). */
export function bomBytes(encoding: TextEncoding): Uint8Array {
  return Uint8Array.from(BOMS.find(([e]) => e === encoding)?.[1] ?? []);
}

/**
 * Text as bytes in an encoding, without the byte-order mark (write bomBytes first, once per file). Chunks may be
 * encoded one by one, except that a surrogate pair must not be cut between two chunks.
 */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return new TextEncoder().encode(text);
    case 'utf-16le':
    case 'utf-16be': {
      const out = new Uint8Array(2 * text.length);
      const view = new DataView(out.buffer);
      for (let i = 0; i < text.length; i++) view.setUint16(2 * i, text.charCodeAt(i), encoding === 'utf-16le');
      return out;
    }
    case 'windows-1252': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const byte = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_BYTE.get(c);
        if (byte === undefined) throw new UnencodableError(String.fromCodePoint(text.codePointAt(i)!), encoding);
        out[i] = byte;
      }
      return out;
    }
  }
}
