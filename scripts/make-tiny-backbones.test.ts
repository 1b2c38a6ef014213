/**
 * The tiny backbone fixtures are what scripts/make-tiny-backbones.ts writes, byte for byte, and
 * their reference.json is what scripts/backbone_reference.py computes from them (where
 * /usr/bin/python3 has torch; skipped elsewhere), so the committed numbers come from the Python.
 */
import { describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES_DIR, hasTorch, runPython, TINY_BACKBONES } from '../testing/hfFixtures';
import { writeTinyBackbones } from './make-tiny-backbones';

/** Largest difference between two JSON values of the same shape; Infinity when the shapes differ. */
function jsonDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length ? a.reduce((m: number, x, i) => Math.max(m, jsonDifference(x, b[i])), 0) : Infinity;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].reduce((m, k) => Math.max(m, jsonDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])), 0);
  }
  return a === b ? 0 : Infinity;
}

describe('tiny backbone fixtures', () => {
  test('make-tiny-backbones rewrites the committed fixtures byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'tiny-backbones-'));
    try {
      const dirs = writeTinyBackbones(out);
      expect(dirs.map((d) => d.split('/').pop())).toEqual([...TINY_BACKBONES]);
      for (const dir of dirs) {
        const name = dir.split('/').pop()!;
        for (const file of readdirSync(dir)) {
          expect(readFileSync(join(dir, file)).equals(readFileSync(join(FIXTURES_DIR, name, file))), `${name}/${file}`).toBe(true);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test.skipIf(!hasTorch())('backbone_reference.py recomputes every committed reference.json (forward passes, tokens, buckets)', () => {
    const out = mkdtempSync(join(tmpdir(), 'backbone-reference-'));
    try {
      for (const name of TINY_BACKBONES) {
        cpSync(join(FIXTURES_DIR, name), join(out, name), { recursive: true, filter: (src) => !src.endsWith('reference.json') });
      }
      runPython('backbone_reference.py', [out]);
      for (const name of TINY_BACKBONES) {
        const fresh = JSON.parse(readFileSync(join(out, name, 'reference.json'), 'utf8'));
        const committed = JSON.parse(readFileSync(join(FIXTURES_DIR, name, 'reference.json'), 'utf8'));
        delete fresh.computed_by;
        delete committed.computed_by;
        expect(jsonDifference(fresh, committed), name).toBeLessThan(1e-6);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
