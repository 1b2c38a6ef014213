/// <reference lib="webworker" />
/** @file The export worker: builds the PyTorch project zip of the current settings and dataset off the page's thread. */
import { zipSync } from 'fflate';
import { torchProjectFiles, dataPathsOf, torchProjectName } from '../train/torchExport';
import type { ExportRequest, ExportResponse } from './protocol';
import { pythonPackageSources } from './pythonSources';

const post = (msg: ExportResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

self.onmessage = (e: MessageEvent<ExportRequest>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'torchProject': {
      try {
        const files = torchProjectFiles({
          config: msg.config,
          prepared: msg.dataset,
          dataPaths: dataPathsOf(msg.dataset.summary.files),
          baseModel: msg.pretrained && new Map(Object.entries(msg.pretrained.files)),
          wordVectors: msg.wordVectors,
          python: pythonPackageSources(),
        });
        const name = torchProjectName(msg.config);
        const bytes = zipSync(Object.fromEntries([...files].map(([path, data]) => [`${name}/${path}`, data])));
        const zip = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        post({ type: 'torchProject', id: msg.id, name: `${name}.zip`, zip }, [zip]);
      } catch (err) {
        post({ type: 'exportFailed', id: msg.id, message: (err as Error).message });
      }
      return;
    }
    default:
      msg.type satisfies never;
  }
};
