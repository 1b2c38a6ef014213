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

const UI_LIBS = 'react|react-dom|zustand|recharts';
/** A relative import into one of the named layers of src/. */
const into = (...layers: string[]) => `(^|/)(${layers.join('|')})/`;
const rule = (...parts: string[]) => new RegExp(parts.join('|'));

/** Each layer with what it must not import: STYLE.md's core <- tokenize, model <- train <- worker, cli <- store <- ui. */
const rules: { layer: string; forbidden: RegExp; why: string }[] = [
  { layer: 'core', forbidden: rule(`^(@tensorflow|@huggingface|${UI_LIBS}|node:)`, into('model', 'tokenize', 'train', 'backend', 'worker', 'store', 'ui', 'cli', 'bench')), why: 'core is pure TypeScript' },
  { layer: 'tokenize', forbidden: rule(`^(@tensorflow|${UI_LIBS}|node:)`, into('model', 'train', 'backend', 'worker', 'store', 'ui', 'cli', 'bench')), why: 'tokenizers turn text into core types, nothing else' },
  { layer: 'model', forbidden: rule(`^(${UI_LIBS}|node:)`, into('train', 'backend', 'worker', 'store', 'ui', 'cli', 'bench')), why: 'the model is tfjs layers over core types' },
  { layer: 'backend', forbidden: rule(`^(${UI_LIBS}|node:)`, into('model', 'tokenize', 'train', 'worker', 'store', 'ui', 'cli', 'bench')), why: 'backend choice knows tfjs and the adapter only' },
  { layer: 'train', forbidden: rule(`^(${UI_LIBS}|node:)`, into('backend', 'worker', 'store', 'ui', 'cli', 'bench')), why: 'the loop takes plain arguments and reports through hooks' },
  { layer: 'worker', forbidden: rule(`^(${UI_LIBS}|node:)`, into('store', 'ui', 'cli', 'bench')), why: 'workers are thin switches over train/' },
  { layer: 'cli', forbidden: rule(`^(${UI_LIBS})`, into('store', 'ui', 'worker', 'bench')), why: 'the CLI reads and writes files around train/' },
  { layer: 'bench', forbidden: rule(`^(${UI_LIBS})`, into('store', 'ui', 'cli')), why: 'the browser bench measures train/ without the studio' },
  { layer: 'store', forbidden: rule('^@tensorflow', into('model', 'train', 'backend', 'tokenize'), '\\.worker'), why: 'the store uses worker/client.ts only' },
  { layer: 'ui', forbidden: rule('^@tensorflow', into('model', 'train', 'backend', 'tokenize'), '\\.worker', '/core/(dataset/(vocab|prepared)|formats/)'), why: 'the UI talks to workers through the store' },
];

it('every folder of src/ has a layering rule', () => {
  const folders = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());
  expect(folders.filter((f) => !rules.some((r) => r.layer === f))).toEqual([]);
});

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
