import { describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../testing/hfFixtures';
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
});
