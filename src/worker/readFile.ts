/**
 * @file Reads a dropped file as a stream of text straight into the parser, saying how many bytes it has read, so a
 * 100 MB file is never held whole as text. The encoding is found as the command line finds it
 * (core/formats/encoding.ts): a file that is not UTF-8 is read again from the start as Windows-1252, with a notice.
 * Uses only web streams, which Node has too (the tests run it there).
 */
import type { ParsedInput } from '../core/formats';
import { encodingNotice, NotUtf8Error, StreamDecoder, type TextEncoding } from '../core/formats/encoding';
import { FileParser } from '../core/formats/stream';

async function parseAs(file: File, encoding: TextEncoding | undefined, onBytes: (read: number) => void): Promise<ParsedInput> {
  const parser = new FileParser(file.name);
  const decoder = new StreamDecoder(encoding);
  let read = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      // A character split between two chunks is decoded whole.
      parser.push(decoder.push(value));
      onBytes(read);
    }
    parser.push(decoder.finish());
  } catch (e) {
    await reader.cancel();
    throw e;
  }
  const parsed = parser.finish();
  const notice = encodingNotice(file.name, decoder.encoding!);
  const diagnostics = notice ? [{ severity: 'warning' as const, file: file.name, message: notice }, ...parsed.diagnostics] : parsed.diagnostics;
  return { ...parsed, diagnostics, encoding: decoder.encoding! };
}

export async function parseDroppedFile(file: File, onBytes: (read: number) => void = () => {}): Promise<ParsedInput> {
  try {
    return await parseAs(file, undefined, onBytes);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return parseAs(file, 'windows-1252', onBytes);
  }
}
