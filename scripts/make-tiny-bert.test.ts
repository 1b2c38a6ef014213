import { describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES_DIR, hasTorch, runPython, TINY_CHECKPOINTS } from '../testing/hfFixtures';
import { writeTinyCheckpoints } from './make-tiny-bert';

describe('make-tiny-bert', () => {
  test('rewrites the committed fixtures byte for byte (so reference.json still describes them)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiny-bert-'));
    try {
      for (const dir of writeTinyCheckpoints(out)) {
        const name = dir.split('/').pop()!;
        for (const file of readdirSync(dir)) {
          expect(readFileSync(join(dir, file)).equals(readFileSync(join(FIXTURES_DIR, name, file))), `${name}/${file}`).toBe(true);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test.skipIf(!hasTorch())('bert_reference.py recomputes every committed reference.json (where python3 has torch)', () => {
    const out = mkdtempSync(join(tmpdir(), 'bert-reference-'));
    try {
      for (const name of TINY_CHECKPOINTS) cpSync(join(FIXTURES_DIR, name), join(out, name), { recursive: true, filter: (src) => !src.endsWith('reference.json') });
      runPython('bert_reference.py', [out]);
      for (const name of TINY_CHECKPOINTS) {
        const [fresh, committed] = [out, FIXTURES_DIR].map((root) => JSON.parse(readFileSync(join(root, name, 'reference.json'), 'utf8')).cases as { last_hidden_state: number[][][] }[]);
        const worst = fresh.flatMap((c, i) => c.last_hidden_state.flat(2).map((v, k) => Math.abs(v - committed[i].last_hidden_state.flat(2)[k]))).reduce((m, d) => Math.max(m, d), 0);
        expect(worst, name).toBeLessThan(1e-6);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
