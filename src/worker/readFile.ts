/**
 * @file Reads a dropped file as a stream of text straight into the parser, saying how many bytes it has read, so a
 * 100 MB file is never held whole as text. Uses only web streams, which Node has too (the tests run it there).
 */
import type { ParsedInput } from '../core/formats';
import { FileParser } from '../core/formats/stream';

export async function parseDroppedFile(file: File, onBytes: (read: number) => void = () => {}): Promise<ParsedInput> {
  const parser = new FileParser(file.name);
  let read = 0;
  const countBytes = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, controller) {
      read += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  // TextDecoderStream drops a leading UTF-8 byte-order mark and turns bytes that are not UTF-8 into U+FFFD, as
  // file.text() does; a character split between two chunks is decoded whole.
  const reader = file.stream().pipeThrough(countBytes).pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(value);
    onBytes(read);
  }
  return parser.finish();
}
