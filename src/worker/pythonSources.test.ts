import { expect, it } from 'vitest';
import { pythonPackageFiles } from '../cli/pythonPackage';
import { pythonPackageSources } from './pythonSources';

it("bundles for the studio's export exactly the Python files ner export-torch copies", () => {
  const bundled = pythonPackageSources();
  expect([...bundled.keys()].sort()).toEqual([...pythonPackageFiles().keys()].sort());
  for (const [path, bytes] of pythonPackageFiles()) expect(bundled.get(path)).toEqual(bytes);
  expect(bundled.has('ner_studio_torch/train.py')).toBe(true);
});
