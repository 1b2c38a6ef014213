/**
 * @file Reading the files a `ner` command is given: in chunks, in whatever encoding they are (core/formats/encoding.ts),
 * so a column file of any size streams into the parser and only what the command keeps stays in memory.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { constants } from 'node:buffer';
import { encodingNotice, NotUtf8Error, StreamDecoder, type TextEncoding } from '../core/formats/encoding';
import { FileParser } from '../core/formats/stream';
import type { ParsedInput, ParseOptions } from '../core/formats';
import { CliError } from './command';

const CHUNK = 1 << 20;

/** A file's name in messages: as typed, with standard input as "(stdin)". */
export const inputName = (path: string) => (path === '-' ? '(stdin)' : path);

function cannotRead(path: string, e: unknown): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return new CliError(`cannot read ${path}: ${why}`);
}

/** Standard input, read once: a command may read its input twice (a file not UTF-8, a check before writing). */
let stdin: Buffer | null = null;

/** The bytes of a file in chunks; standard input is read whole first, since it cannot be read twice. */
function* chunksOf(path: string): Generator<Uint8Array> {
  if (path === '-') {
    const all = (stdin ??= readFileSync(0));
    for (let at = 0; at < all.length; at += CHUNK) yield all.subarray(at, at + CHUNK);
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) return;
      yield buffer.subarray(0, n); // the decoder is done with it before the next read
    }
  } catch (e) {
    throw cannotRead(path, e);
  } finally {
    closeSync(fd);
  }
}

/**
 * Decodes a file chunk by chunk into what `begin` returns; when the file turns out not to be UTF-8, begins again
 * from the first byte as Windows-1252. `begin` gets the decoder, whose encoding is known by its first text.
 * `encoding` forces one (a second read of a file whose encoding is known). Returns the encoding.
 */
export function decodeFile(path: string, begin: (decoder: StreamDecoder) => (text: string) => void, encoding?: TextEncoding): TextEncoding {
  try {
    return decodeAs(path, begin, encoding);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return decodeAs(path, begin, 'windows-1252');
  }
}

function decodeAs(path: string, begin: (decoder: StreamDecoder) => (text: string) => void, encoding: TextEncoding | undefined): TextEncoding {
  const decoder = new StreamDecoder(encoding);
  const sink = begin(decoder);
  for (const chunk of chunksOf(path)) sink(decoder.push(chunk));
  sink(decoder.finish());
  return decoder.encoding!;
}

/** A note on stderr about a file that is not plain UTF-8, so nobody wonders why accents came out right. */
export function noteEncoding(path: string, encoding: TextEncoding): void {
  const notice = encodingNotice(inputName(path), encoding);
  if (notice) process.stderr.write(`note: ${notice}\n`);
}

/** A whole file's text (or standard input's, for '-') and its encoding; a file too long for one string is refused. */
export function readInputText(path: string, maxLength = constants.MAX_STRING_LENGTH): { text: string; encoding: TextEncoding } {
  let parts: string[] = [];
  let length = 0;
  const encoding = decodeFile(path, () => {
    parts = [];
    length = 0;
    return (text) => {
      length += text.length;
      if (length > maxLength) {
        throw new CliError(`${inputName(path)} holds more text than this command can read at once (${Math.floor(maxLength / 2 ** 20)} MiB, the longest string JavaScript has); split it into smaller files`);
      }
      parts.push(text);
    };
  });
  return { text: parts.join(''), encoding };
}

/** A file's text, with a note on stderr when it was not UTF-8. */
export function readInput(path: string): string {
  const { text, encoding } = readInputText(path);
  noteEncoding(path, encoding);
  return text;
}

/**
 * Parses a data file as it streams in (column files are never held whole), with a note on stderr when it was not
 * UTF-8; the encoding comes back with the file, for writers that keep it.
 */
export function parseInputFile(path: string, options: ParseOptions = {}): ParsedInput {
  let parser!: FileParser;
  const encoding = decodeFile(path, () => {
    parser = new FileParser(inputName(path), options);
    return (text) => parser.push(text);
  });
  noteEncoding(path, encoding);
  return { ...parser.finish(), encoding };
}
