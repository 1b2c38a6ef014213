/**
 * The same files through the studio's data worker (streamed File reading, split by file name) and through a run
 * file for `ner train` (split as data.* names them) give the same prepared data, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareFiles } from '../core/dataset/finish';
import type { PackedSplit, PreparedDataset } from '../core/dataset/prepared';
import { parseDroppedFile } from '../worker/readFile';
import { loadRunData, readRunFile } from './runFile';

const PEOPLE = ['Anna Berg', 'Tom Reyes', 'Mia', 'Lars Holm Jr'];
const PLACES = ['Oslo', 'Lima', 'New York', 'Kyoto'];

/** Deterministic sentences; IOB1 marks entities with I- and uses B- only between two adjacent entities of a type. */
function corpus(sentences: number, scheme: 'IOB1' | 'IOB2', extraColumns: boolean, offset = 0): string {
  const lines: string[] = [];
  for (let i = offset; i < offset + sentences; i++) {
    const rows: [string, string][] = [];
    const entity = (words: string, type: string, adjacent = false) =>
      words.split(' ').forEach((w, k) => rows.push([w, `${k === 0 && (scheme === 'IOB2' || adjacent) ? 'B' : 'I'}-${type}`]));
    entity(PEOPLE[i % PEOPLE.length], 'PER');
    rows.push(['visited', 'O']);
    entity(PLACES[(i * 3) % PLACES.length], 'LOC');
    if (i % 3 === 0) entity(PLACES[(i + 1) % PLACES.length], 'LOC', true);
    rows.push([i % 2 ? 'today' : 'in', 'O'], [`${1990 + (i % 7)}`, 'O'], ['.', 'O']);
    for (const [w, t] of rows) lines.push(extraColumns ? `${w} NNP B-NP ${t}` : `${w} ${t}`);
    lines.push('');
  }
  return lines.join('\n');
}

async function throughWorker(files: Record<string, string>): Promise<PreparedDataset> {
  const parsed = await Promise.all(Object.entries(files).map(([name, text]) => parseDroppedFile(new File([text], name))));
  return prepareFiles(Object.keys(files).join(', '), { byName: parsed }).dataset!;
}

function throughRunFile(files: Record<string, string>): PreparedDataset {
  const dir = mkdtempSync(join(tmpdir(), 'same-prep-'));
  const data: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    data.push(`  ${name.replace(/\.txt$/, '')}: ${name}`);
  }
  writeFileSync(join(dir, 'run.yaml'), `data:\n${data.join('\n')}\n`);
  return loadRunData(readRunFile(join(dir, 'run.yaml'))).prepared;
}

const bytesOf = (split: PackedSplit) =>
  [split.sentenceOffsets, split.words, split.labels, split.charOffsets, split.chars, ...(split.extra ?? [])].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'));

describe('one preparation below the studio and the CLI', () => {
  it.each([
    ['IOB1 train, dev and test (converted to IOB2 by both)', { 'train.txt': corpus(30, 'IOB1', false), 'dev.txt': corpus(8, 'IOB1', false, 30), 'test.txt': corpus(8, 'IOB2', false, 40) }],
    ['a train file alone (dev carved by the same seeded shuffle)', { 'train.txt': corpus(25, 'IOB2', false) }],
    ['CoNLL-2003 columns (POS and chunk kept as extra columns)', { 'train.txt': corpus(20, 'IOB2', true), 'dev.txt': corpus(5, 'IOB2', true, 20) }],
  ])('%s', async (_name, files) => {
    const studio = await throughWorker(files);
    const cli = throughRunFile(files);
    expect(cli.vocab).toEqual(studio.vocab);
    expect(cli.text).toEqual(studio.text);
    expect(cli.summary.splits).toEqual(studio.summary.splits);
    for (const split of ['train', 'dev', 'test'] as const) {
      expect(cli[split].count).toBe(studio[split].count);
      expect(bytesOf(cli[split])).toEqual(bytesOf(studio[split]));
    }
    expect(studio.text.train.tags.flat().some((t) => t.startsWith('B-'))).toBe(true);
  });
});
