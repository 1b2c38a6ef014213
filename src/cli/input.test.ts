import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileParser } from '../core/formats/stream';
import { fixtureDir } from '../../testing/runNer';
import { CliError } from './command';
import { parseInputFile, readInputText } from './input';

describe('reading inputs', () => {
  it('reads a Windows-1252 file whose first accent lies past the first chunk, starting again from its first byte', () => {
    const dir = fixtureDir({});
    const path = join(dir, 'late.txt');
    // 1.5 MiB of ASCII lines, then one accent: the first chunk (1 MiB) passes for UTF-8.
    const ascii = 'word O\n'.repeat(230_000);
    writeFileSync(path, Buffer.concat([Buffer.from(ascii), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x4f, 0x0a])]));
    const parsed = parseInputFile(path);
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.sentences[0].tokens.at(-1)).toBe('Caf\u00E9');
    expect(parsed.sentences[0].tokens).toHaveLength(230_001);
    // The note about the encoding goes to stderr; the diagnostics are the file's own (here: every tag is O).
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([`${path} has no entity tags: every tag is O. Is the tag column (1) right?`]);
  });

  it('refuses text longer than one string can hold with a message, not V8 "Invalid string length"', () => {
    const dir = fixtureDir({ 'big.txt': 'a O\n'.repeat(2 ** 20) });
    expect(() => readInputText(join(dir, 'big.txt'), 3 * 2 ** 20)).toThrow(CliError);
    expect(() => readInputText(join(dir, 'big.txt'), 3 * 2 ** 20)).toThrow(/big\.txt holds more text than this command can read at once \(3 MiB, the longest string JavaScript has\); split it into smaller files$/);
  });

  it('refuses JSON longer than one string can hold, naming the file; a column file of the same size streams', () => {
    const json = new FileParser('big.jsonl', { maxTextLength: 2 ** 20 });
    const record = '{"tokens": ["a"], "ner_tags": ["O"]}\n';
    for (let i = 0; i < 60_000; i++) json.push(record);
    const parsed = json.finish();
    expect(parsed.sentences).toEqual([]);
    expect(parsed.diagnostics).toEqual([
      { severity: 'error', file: 'big.jsonl', message: expect.stringMatching(/^big\.jsonl is JSON of 3 MiB of text, and JSON is read whole: past 1 MiB .* split it into smaller files/) },
    ]);
    const columns = new FileParser('big.txt', { maxTextLength: 2 ** 20 });
    for (let i = 0; i < 60_000; i++) columns.push('a B-X\nbb O\n\n');
    expect(columns.finish().sentences).toHaveLength(60_000);
  });
});
