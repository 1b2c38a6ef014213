/**
 * @file Tags a data file with a checkpoint, for `ner evaluate` and `ner predict`: load the zip, encode the
 * sentences with the checkpoint's own vocabularies (and, for a pretrained encoder, its tokenizer's subword pieces), decode in the batches training scored dev with, so a
 * checkpoint reproduces the dev F1 its run recorded.
 */
import { readFileSync } from 'node:fs';
import { readCheckpointConfig } from '../core/checkpoint/checkpoint';
import { parseFile, type FormatName, type ParseOptions } from '../core/formats';
import type { ColumnSeparator } from '../core/formats/columnWrite';
import type { TextEncoding } from '../core/formats/encoding';
import type { Sentence } from '../core/types';
import { unknownEntityTypes } from '../core/tags/labelTypes';
import { makeEncoder } from '../core/dataset/vocab';
import { loadCheckpoint } from '../train/checkpointIO';
import { predictTags } from '../train/evaluate';
import { evalBatchSize } from '../train/runTraining';
import { CliError } from './command';
import { loadFile, reportDiagnostics } from './io';
import { noteEncoding, readInputText } from './input';
import { startNodeBackend } from './nodeBackend';
import { checkpointWarning } from './runStatus';

export interface TaggedFile {
  file: string;
  sentences: Sentence[];
  /** How the data file separated its columns and its encoding, which files written from it keep. */
  separator?: ColumnSeparator;
  encoding: TextEncoding;
  /** The file's own tags; all O when it had none. */
  gold: string[][];
  pred: string[][];
  /** The file had a tag column. */
  tagged: boolean;
  /** The reader that read it ('columns' has a token a line). */
  format: FormatName;
}

const isDataLine = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('-DOCSTART-');

/** The first line that is neither blank nor -DOCSTART- holds a single field, not JSON: tokens without tags. */
function tokensOnly(text: string): boolean {
  const first = text.split(/\r\n|\n|\r/).find(isDataLine)?.trim();
  return first !== undefined && !/^[[{]./.test(first) && first.split(/[ \t]+/).length === 1;
}

/** A file of one token a line reads as tokens tagged O, so raw tokenised text can be tagged. */
function readData(path: string, options: ParseOptions): Omit<TaggedFile, 'gold' | 'pred'> & { errors: boolean } {
  const { text, encoding } = readInputText(path);
  noteEncoding(path, encoding);
  if (!tokensOnly(text)) {
    const parsed = loadFile(path, options, text);
    const errors = parsed.diagnostics.some((d) => d.severity === 'error');
    return { file: parsed.file, sentences: parsed.sentences, tagged: true, format: parsed.format, separator: parsed.separator, encoding, errors };
  }
  // Lines at even indices, their line ends at odd ones.
  const withO = text
    .split(/(\r\n|\n|\r)/)
    .map((part, i) => (i % 2 === 0 && isDataLine(part) ? `${part.trimEnd()} O` : part))
    .join('');
  const parsed = parseFile(withO, path === '-' ? '(stdin)' : path, { validate: false });
  reportDiagnostics(parsed.diagnostics.filter((d) => d.severity === 'error'));
  if (parsed.sentences.length === 0) throw new CliError(`${parsed.file}: nothing to read`);
  return { file: parsed.file, sentences: parsed.sentences, tagged: false, format: parsed.format, separator: parsed.separator, encoding, errors: false };
}

function readCheckpointFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read checkpoint ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

export async function tagWithCheckpoint(checkpointPath: string, dataPath: string, options: ParseOptions = {}): Promise<TaggedFile> {
  const bytes = readCheckpointFile(checkpointPath);
  const stale = checkpointWarning(checkpointPath);
  if (stale) process.stderr.write(`warning: ${stale}\n`);
  const data = readData(dataPath, options);
  if (data.errors) {
    throw new CliError(`${data.file} has errors (listed above); fix them (or repair clear ones with --fix-tags), since results without the skipped sentences would mislead`);
  }
  const { sentences } = data;
  let loaded: ReturnType<typeof loadCheckpoint>;
  try {
    // A checkpoint trained on cpu is read on cpu, so its scores repeat to the last digit; any other on wasm.
    const { trained } = readCheckpointConfig(bytes, checkpointPath);
    await startNodeBackend(trained?.backend === 'cpu' ? 'cpu' : 'wasm');
    loaded = loadCheckpoint(bytes, checkpointPath);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  const { tagger, config, vocab, attachPieces } = loaded;
  const unknown = data.tagged ? unknownEntityTypes(sentences.map((s) => s.tags), vocab.labels) : [];
  if (unknown.length > 0) {
    const list = unknown.map((u) => `${u.type} (${u.count} ${u.count === 1 ? 'entity' : 'entities'})`).join(', ');
    process.stderr.write(
      `warning: ${data.file} has entity types ${checkpointPath} has no label for: ${list}; the model never predicts them, so they all count as missed. Its labels: ${vocab.labels.join(' ')}\n`,
    );
  }
  try {
    const encode = makeEncoder(vocab);
    const encoded = attachPieces(sentences.map(encode), sentences.map((s) => s.tokens));
    const pred = await predictTags(tagger, encoded, vocab.labels, evalBatchSize(config));
    return { ...data, gold: sentences.map((s) => s.tags), pred };
  } finally {
    tagger.dispose();
  }
}

