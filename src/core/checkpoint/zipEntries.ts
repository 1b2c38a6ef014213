/**
 * @file Unzipping only what is wanted, and only within limits read from the zip's central directory before a byte is
 * inflated: a 21 MB zip can hold gigabytes of zeros, which unzipping blindly would allocate and inflate first.
 */
import { unzipSync } from 'fflate';

/** A checkpoint that is broken or refused; the message names the zip and the entry. */
export class CheckpointError extends Error {}

/** Deflate cannot grow data by more than 5 bytes per 64 KiB block (plus a little): more is a damaged or forged entry. */
const maxCompressed = (original: number) => original + 5 * Math.ceil(original / 65_535) + 1024;

export const mebibytes = (n: number) => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : n < 100 * 2 ** 20 ? 1 : 0)} MiB`;

/**
 * The entries `limitOf` gives a byte limit for (null: skip the entry), each refused before inflating when its
 * declared size passes the limit, or when its compressed size does not fit its declared size.
 */
export function unzipWithin(bytes: Uint8Array, file: string, limitOf: (name: string) => number | null): Record<string, Uint8Array> {
  let refused = null as CheckpointError | null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: ({ name, size, originalSize, compression }) => {
        const limit = limitOf(name);
        if (limit === null || refused) return false;
        if (originalSize > limit) {
          refused = new CheckpointError(
            `${file}: ${name} would unpack to ${mebibytes(originalSize)}, more than this checkpoint's model can use (${mebibytes(limit)}); the zip is damaged or not a NER studio checkpoint, so nothing was unpacked`,
          );
        } else if ((compression === 0 && size !== originalSize) || size > maxCompressed(originalSize)) {
          refused = new CheckpointError(`${file}: ${name}: the zip's directory gives sizes that do not fit together (${size} bytes packed, ${originalSize} unpacked); the zip is damaged`);
        }
        return !refused;
      },
    });
  } catch (e) {
    throw new CheckpointError(`${file}: not a zip file, or a damaged one (${(e as Error).message})`);
  }
  if (refused) throw refused;
  return entries;
}

/** An entry's JSON, with an error naming the zip and the entry when it is not JSON. */
export function entryJson(entries: Record<string, Uint8Array>, name: string, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(entries[name]));
  } catch (e) {
    throw new CheckpointError(`${file}: ${name} in the zip is not valid JSON (${(e as Error).message}); the checkpoint is damaged`);
  }
}
