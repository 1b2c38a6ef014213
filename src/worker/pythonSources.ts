/** @file The Python package of python/ (pyproject.toml, ner_studio_torch/), bundled as text for the studio's PyTorch export. */
import pyproject from '../../python/pyproject.toml?raw';

const modules = import.meta.glob('../../python/ner_studio_torch/**/*.py', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** By their path inside python/, as ner export-torch reads them from disk. */
export function pythonPackageSources(): Map<string, Uint8Array> {
  const encode = (text: string) => new TextEncoder().encode(text);
  const files = new Map([['pyproject.toml', encode(pyproject)]]);
  for (const path of Object.keys(modules).sort()) files.set(path.slice('../../python/'.length), encode(modules[path]));
  return files;
}
