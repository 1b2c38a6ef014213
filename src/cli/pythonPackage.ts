/** @file The Python package of this repository (python/: pyproject.toml, ner_studio_torch/), read for ner export-torch. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

/** pyproject.toml and every .py file of ner_studio_torch/, by their path inside python/. */
export function pythonPackageFiles(root = PYTHON_DIR): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([['pyproject.toml', new Uint8Array(readFileSync(join(root, 'pyproject.toml')))]]);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '__pycache__') walk(path);
      } else if (name.endsWith('.py')) files.set(relative(root, path).split('\\').join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(join(root, 'ner_studio_torch'));
  return files;
}
