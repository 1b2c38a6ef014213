/**
 * @file What the tiny-checkpoint scripts (make-tiny-bert.ts, make-tiny-backbones.ts) share: a fixture's
 * description, its seeded random weights under the names a real checkpoint saves, and its folder in the Hugging
 * Face layout (config.json, tokenizer.json, tokenizer_config.json, model.safetensors or its shards with
 * model.safetensors.index.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSafetensors, type NamedTensor } from '../src/core/checkpoint/safetensors';
import { makeRng, normal } from '../src/core/rng';
import { parseEncoderConfig } from '../src/model/hf/config';
import { encoderParams } from '../src/model/hf/paramNames';

export interface TinyCheckpoint {
  name: string;
  config: Record<string, unknown>;
  /** tokenizer.json's content. */
  tokenizer: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  /** Prefix of the saved base-model names: 'bert.' or 'model.' as a *For… class saves them, '' as a bare model does. */
  savedPrefix: string;
  /** Tensors a real checkpoint carries beside the encoder, which the loader must skip. */
  extras: (rng: () => number, H: number, V: number) => NamedTensor[];
  /** Split the weights over this many shards with a model.safetensors.index.json. */
  shards?: number;
}

export function values(n: number, std: number, rng: () => number, mean = 0): Float32Array {
  return Float32Array.from({ length: n }, () => mean + std * normal(rng));
}

/** Random weights large enough that every nonlinearity (softmax, GELU, SiLU, the norms) is exercised. */
export function randomWeights(fixture: TinyCheckpoint, seed: number): NamedTensor[] {
  const rng = makeRng(seed);
  const spec = parseEncoderConfig(fixture.config);
  const tensors = encoderParams(spec).map((p): NamedTensor => {
    const size = p.hfShape.reduce((a, b) => a * b, 1);
    const isNormWeight = p.kind === 'vector' && /(norm|LayerNorm)\.weight$/.test(p.name);
    const data =
      p.kind === 'table' ? values(size, 1, rng) : p.kind === 'linear' ? values(size, 1.5 / Math.sqrt(p.hfShape[1]), rng) : isNormWeight ? values(size, 0.2, rng, 1) : values(size, 0.2, rng);
    const name = p.head ? p.name : fixture.savedPrefix + p.name.slice(spec.basePrefix.length + 1);
    return { name, shape: p.hfShape, data };
  });
  return [...tensors, ...fixture.extras(rng, spec.hiddenSize, spec.vocabSize)];
}

/** Writes the fixture's folder under outDir with weights from `seed`; returns the folder. */
export function writeTinyCheckpoint(outDir: string, fixture: TinyCheckpoint, seed: number): string {
  const dir = join(outDir, fixture.name);
  mkdirSync(dir, { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(join(dir, 'config.json'), json(fixture.config));
  writeFileSync(join(dir, 'tokenizer.json'), json(fixture.tokenizer));
  writeFileSync(join(dir, 'tokenizer_config.json'), json(fixture.tokenizerConfig));
  const tensors = randomWeights(fixture, seed);
  const shards = fixture.shards ?? 1;
  if (shards === 1) {
    writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors, { format: 'pt' }));
    return dir;
  }
  const weightMap: Record<string, string> = {};
  const per = Math.ceil(tensors.length / shards);
  for (let s = 0; s < shards; s++) {
    const file = `model-${String(s + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    const part = tensors.slice(s * per, (s + 1) * per);
    for (const t of part) weightMap[t.name] = file;
    writeFileSync(join(dir, file), encodeSafetensors(part, { format: 'pt' }));
  }
  const totalSize = tensors.reduce((n, t) => n + t.data.byteLength, 0);
  writeFileSync(join(dir, 'model.safetensors.index.json'), json({ metadata: { total_size: totalSize }, weight_map: weightMap }));
  return dir;
}
