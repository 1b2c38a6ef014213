/**
 * Issue 15, item 9, through the real `ner` executable: one sentence of 10,000 tokens is tagged (in windows, so time
 * grows linearly with its length), and a training file with one of 3,000 tokens trains, the sentence split between
 * entities with a warning naming its line. The 400 MB convert and the 20,000-token prediction are timed in
 * bench/bigFiles.ts, not here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir, runNer } from '../../testing/runNer';

const CHECKPOINT = readFileSync(new URL('../../testing/fixtures/bilstm-v1.zip', import.meta.url));
const LABELS = new Set(['O', 'B-LOC', 'B-ORG', 'B-PER', 'I-ORG', 'I-PER']);

describe.concurrent('9. long sentences', () => {
  it('predict tags one sentence of 10,000 tokens, every token once, with the checkpoint’s labels', async () => {
    const words = ['Anna', 'Berg', 'lives', 'in', 'Oslo', 'Acme', 'Corp', 'visited', 'Rome', 'today'];
    const tokens = Array.from({ length: 10_000 }, (_, i) => `${words[(i * 7) % words.length]}${i % 3 === 0 ? '' : i}`);
    const dir = fixtureDir({ 'c.zip': CHECKPOINT, 'long.txt': `${tokens.join('\n')}\n` });
    const r = await runNer(['predict', '--checkpoint', 'c.zip', '--data', 'long.txt', '-o', 'p.txt'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote p\.txt: 1 sentences, [\d,]+ predicted entities\n$/);
    const lines = readFileSync(join(dir, 'p.txt'), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(tokens);
    for (const line of lines) expect(LABELS.has(line.split(' ')[2])).toBe(true);
  });

  it('train splits a 3,000-token training sentence between entities, naming its line, and trains', async () => {
    const short = Array.from({ length: 6 }, (_, i) => `Anna${i} B-PER\nsaw O\nOslo B-LOC\n`).join('\n');
    const long = Array.from({ length: 3000 }, (_, i) => (i % 40 === 0 ? 'Rome B-LOC' : i % 40 === 1 ? 'Acme B-ORG\nCorp I-ORG' : 'w O')).join('\n');
    const yaml = 'model: {word_dim: 8, char_dim: 4, char_filters: 4, hidden: 8}\ntraining: {epochs: 1, batch_size: 4, max_steps: 2}\ndata: {train: train.txt, dev: dev.txt}\n';
    const dir = fixtureDir({ 'run.yaml': yaml, 'train.txt': `${short}\n${long}\n`, 'dev.txt': short });
    const r = await runNer(['train', '--config', 'run.yaml', '--out', 'out'], dir);
    expect(r.status).toBe(0);
    // The short sentences take lines 1-23; the long one starts on line 25 and holds 3,075 tokens (75 ORGs of two).
    expect(r.stderr).toMatch(/^warning: train\.txt: 1 sentence is longer than 256 tokens and was split between entities for training \(line 25: 3075 tokens in 13 parts\); data\.max_sentence_length sets the limit$/m);
    expect(r.stdout).toMatch(/^finished after 2 steps/);
  });
});
