/// <reference lib="webworker" />
/**
 * @file The model worker: pretrained Hugging Face checkpoints, off the page's thread. Downloads
 * from the Hub into the Cache API (a second load needs no network), reads dropped files, checks
 * architecture, weights and tokenizer, says whether fine-tuning fits the device, and writes a
 * finished run in the Hugging Face layout. tfjs loads only for that last job.
 */
import type { ModelRequest, ModelResponse, PretrainedFiles, PretrainedSummary } from './protocol';
import { memoryLimits } from '../backend/limits';
import { describeAdapter, planBackend } from '../backend/probe';
import { parseEncoderConfig } from '../model/hf/config';
import { fetchHubModel } from '../model/hf/hub';
import { cacheStorageFileCache } from '../model/hf/hubCache';
import { readPretrainedBase } from '../train/pretrained';
import { pretrainedFit } from '../train/pretrainedMemory';

const post = (msg: ModelResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

/** Checks the files as training will read them, then hands them to the page (transferred). */
function deliver(id: number, name: string, files: Map<string, Uint8Array>): void {
  const base = readPretrainedBase(files);
  const config = base.config;
  const summary: PretrainedSummary = {
    name,
    family: base.spec.family,
    decoder: base.spec.causal,
    architectures: Array.isArray(config.architectures) ? config.architectures.map(String) : [],
    hiddenSize: base.spec.hiddenSize,
    layers: base.spec.numLayers,
    heads: base.spec.numHeads,
    vocabSize: base.spec.vocabSize,
    maxTokens: Math.min(base.spec.maxTokens, base.tokenizer.modelMaxLength ?? Infinity),
    tokenizer: base.tokenizer.kind,
    bytes: [...files.values()].reduce((n, b) => n + b.length, 0),
  };
  const model: PretrainedFiles = { name, files: Object.fromEntries(files) };
  post({ type: 'model', id, model, summary }, [...new Set([...files.values()].map((b) => b.buffer as ArrayBuffer))]);
}

/** A folder's name when a folder was picked, else config.json's _name_or_path, else a plain label. */
function nameOfFiles(files: File[], config: Uint8Array | undefined): string {
  const folder = files.map((f) => f.webkitRelativePath.split('/')[0]).find(Boolean);
  if (folder) return folder;
  try {
    const named = config && (JSON.parse(new TextDecoder().decode(config)) as { _name_or_path?: unknown })._name_or_path;
    if (typeof named === 'string' && named.trim()) return named.trim();
  } catch {
    // config.json's own problems are reported when it is read
  }
  return 'local model';
}

async function handle(msg: ModelRequest): Promise<void> {
  switch (msg.type) {
    case 'download': {
      let lastPost = 0;
      let lastFile = '';
      const files = await fetchHubModel(msg.modelId, {
        endpoint: msg.endpoint || undefined,
        cache: cacheStorageFileCache() ?? undefined,
        onProgress: ({ file, loaded, total }) => {
          const now = performance.now();
          if (file === lastFile && now - lastPost < 100 && loaded !== total) return; // at most ten a second per file
          [lastPost, lastFile] = [now, file];
          post({ type: 'downloadProgress', id: msg.id, file, loaded, total });
        },
      });
      deliver(msg.id, msg.modelId, files);
      return;
    }
    case 'open': {
      const files = new Map<string, Uint8Array>();
      for (const f of msg.files) files.set(f.name, new Uint8Array(await f.arrayBuffer()));
      deliver(msg.id, nameOfFiles(msg.files, files.get('config.json')), files);
      return;
    }
    case 'fit': {
      const spec = parseEncoderConfig(JSON.parse(new TextDecoder().decode(msg.modelConfig)));
      const plan = planBackend(msg.config.backend, await describeAdapter(self.navigator.gpu));
      const fit = pretrainedFit(msg.config, spec, msg.numLabels, await memoryLimits(plan.name, self.navigator), undefined, plan.name);
      post({ type: 'fit', id: msg.id, fit: { ...fit, backend: plan.name } });
      return;
    }
    case 'exportHf': {
      const [{ activateBackend }, { hfExportZip }] = await Promise.all([import('../backend/activate'), import('../train/hfExport')]);
      await activateBackend('cpu');
      const bytes = await hfExportZip(new Uint8Array(msg.checkpoint), msg.name);
      const zip = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      post({ type: 'exported', id: msg.id, zip }, [zip]);
      return;
    }
    default:
      msg satisfies never;
  }
}

self.onmessage = (e: MessageEvent<ModelRequest>) => {
  const msg = e.data;
  handle(msg).catch((err: unknown) => post({ type: 'modelFailed', id: msg.id, message: err instanceof Error ? err.message : String(err) }));
};
