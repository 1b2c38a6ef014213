/** Holds the layering of STYLE.md: core is pure, the UI never reaches tfjs, parsers or workers directly. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

const rules: { layer: string; forbidden: RegExp; why: string }[] = [
  { layer: 'core', forbidden: /^(@tensorflow|react|zustand|recharts|node:)|\/(model|train|backend|worker|store|ui)\//, why: 'core is pure TypeScript' },
  { layer: 'ui', forbidden: /^@tensorflow|\/(model|train|backend)\/|\.worker|\/core\/(conll|vocab|prepared)/, why: 'the UI talks to workers through the store' },
  { layer: 'store', forbidden: /^@tensorflow|\/(model|train|backend)\/|\.worker/, why: 'the store uses worker/client.ts only' },
];

describe('layering', () => {
  for (const rule of rules) {
    it(`${rule.layer}: ${rule.why}`, () => {
      const offences = sources(join(root, rule.layer)).flatMap((f) =>
        imports(f)
          .filter((spec) => rule.forbidden.test(spec))
          .map((spec) => `${relative(root, f)} imports ${spec}`),
      );
      expect(offences).toEqual([]);
    });
  }
});

describe('webgpu-safe ops', () => {
  it('no tf.addN: webgpu binds every input as a storage buffer and breaks past 7 (use sumAll in train/clip.ts)', () => {
    const offences = sources(root).filter((f) => /\btf\.addN\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(offences).toEqual([]);
  });
});
