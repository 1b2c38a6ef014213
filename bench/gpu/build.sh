#!/usr/bin/env bash
# Builds bench/gpu/dist: dawn.mjs (the benchmark and tfjs in one file), Dawn's dawn.node and tfjs' wasm
# binaries, so a GPU machine with Node and nothing else can run it. Needs the `webgpu` package somewhere:
# WEBGPU_DIR points at it (it is not a dependency of the studio: 130 MB for every platform).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/gpu/dist
rm -rf "$out" && mkdir -p "$out"
npx esbuild bench/gpu/dawn.ts --bundle --platform=node --format=esm --target=node20 --outfile="$out/dawn.mjs" \
  --banner:js="import { createRequire as __cr } from 'node:module'; import { dirname as __dn } from 'node:path'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);" --log-level=warning
cp "${WEBGPU_DIR:?set WEBGPU_DIR to an installed webgpu package}/dist/linux-x64/dawn.node" "$out/"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$out/"
cp testing/fixtures/hf/tiny-bert/tokenizer.json testing/fixtures/hf/tiny-bert/tokenizer_config.json "$out/" # bert-mini / bert-base
du -sh "$out"
