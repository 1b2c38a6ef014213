/**
 * @file Every file a `ner` command writes goes through here: the text is written to a temporary file in the target's
 * folder and renamed over the target only once complete, so a crash or a kill never leaves a truncated file (at most
 * a hidden `.NAME.PID.tmp` beside it). A target that is one of the command's inputs is refused, naming both.
 */
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bomBytes, encodeText, ENCODING_LABELS, UnencodableError, type TextEncoding } from '../core/formats/encoding';
import { CliError } from './command';

/** A file the command reads, which nothing may write over; `role` says what it is ("data.train", "the input"). */
export interface InputFile {
  path: string;
  role: string;
}

export interface OutputOptions {
  /** The text's encoding (default UTF-8); a BOM is written first where the encoding has one. */
  encoding?: TextEncoding;
  inputs?: readonly InputFile[];
}

/** Temporary files not yet renamed into place; removed if the process exits first. */
const pending = new Set<string>();
process.on('exit', () => {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
});

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/** Refuses a target that is missing its folder, is a folder, or is (by path or by inode, so links count) an input. */
export function checkTarget(path: string, inputs: readonly InputFile[] = []): void {
  const target = statOrNull(path);
  if (target?.isDirectory()) throw new CliError(`cannot write ${path}: it is a folder; give a file name`);
  const folder = dirname(resolve(path));
  const parent = statOrNull(folder);
  if (!parent) throw new CliError(`cannot write ${path}: the folder ${dirname(path)} does not exist; create it first`);
  if (!parent.isDirectory()) throw new CliError(`cannot write ${path}: ${dirname(path)} is not a folder`);
  for (const input of inputs) {
    if (input.path === '-') continue;
    const stats = statOrNull(input.path);
    const same = target && stats ? sameFile(target, stats) : resolve(input.path) === resolve(path);
    if (same) {
      throw new CliError(`refusing to write ${path}: it is ${input.role} (${input.path}), which this command reads; writing it would lose data, so choose another output file`);
    }
  }
}

/** A file being written: write() any number of times, then commit() (renames it into place) or abort(). */
export class OutputFile {
  private readonly temp: string;
  private fd: number | null;
  private readonly encoding: TextEncoding;

  constructor(
    readonly path: string,
    options: OutputOptions = {},
  ) {
    checkTarget(path, options.inputs);
    this.encoding = options.encoding ?? 'utf-8';
    this.temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.fd = openSync(this.temp, 'w');
    } catch (e) {
      throw new CliError(`cannot write ${path}: ${(e as Error).message}`);
    }
    pending.add(this.temp);
    const bom = bomBytes(this.encoding);
    if (bom.length > 0) this.writeBytes(bom);
  }

  write(data: string | Uint8Array): void {
    if (typeof data !== 'string') return this.writeBytes(data);
    let bytes: Uint8Array;
    try {
      bytes = encodeText(data, this.encoding);
    } catch (e) {
      if (!(e instanceof UnencodableError)) throw e;
      this.abort();
      throw new CliError(`cannot write ${this.path} in ${ENCODING_LABELS[this.encoding]}, the input's encoding: ${e.message}; nothing was written`);
    }
    this.writeBytes(bytes);
  }

  commit(): void {
    try {
      // A file written over keeps its mode (the rename would otherwise give it the temporary file's).
      const old = statOrNull(this.path);
      if (old) fchmodSync(this.fd!, old.mode & 0o7777);
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = null;
      renameSync(this.temp, this.path);
      pending.delete(this.temp);
    } catch (e) {
      this.abort();
      throw new CliError(`cannot write ${this.path}: ${(e as Error).message}`);
    }
  }

  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // closing is best effort
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // never created, or already gone
    }
    pending.delete(this.temp);
  }

  private writeBytes(bytes: Uint8Array): void {
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd!, bytes, at, bytes.length - at);
    } catch (e) {
      this.abort();
      throw new CliError(`cannot write ${this.path}: ${(e as Error).message}; nothing was written`);
    }
  }
}

/** Writes a whole file atomically (see OutputFile). */
export function writeOutputFile(path: string, data: string | Uint8Array, options: OutputOptions = {}): void {
  const out = new OutputFile(path, options);
  try {
    out.write(data);
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
}

/** Text for standard output in an encoding, written at once (no queue grows in memory on a large output). */
export function stdoutWriter(encoding: TextEncoding = 'utf-8'): (text: string) => void {
  let first = true;
  return (text) => {
    if (text === '') return;
    const bytes = first ? [bomBytes(encoding), encodeText(text, encoding)] : [encodeText(text, encoding)];
    first = false;
    for (const b of bytes) writeAllSync(1, b);
  };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** writeSync to the end, waiting a moment when a non-blocking pipe is full (EAGAIN). */
function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0); // `ner ... | head` closed the pipe early: not an error
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}
