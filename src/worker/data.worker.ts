/// <reference lib="webworker" />
/** @file The data worker: reads dropped files (or the shipped demo), parses, splits and encodes them off the page's thread. */
import type { DataRequest, DataResponse } from './protocol';
import { prepareFromTexts } from './prepare';
import { preparedBuffers } from '../core/prepared';
import demoTrain from '../../datasets/demo/train.txt?raw';
import demoDev from '../../datasets/demo/dev.txt?raw';
import demoTest from '../../datasets/demo/test.txt?raw';

const post = (msg: DataResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

async function handle(msg: DataRequest): Promise<void> {
  switch (msg.type) {
    case 'parse': {
      const texts: { name: string; text: string }[] = [];
      for (const [i, file] of msg.files.entries()) {
        texts.push({ name: file.name, text: await file.text() });
        post({ type: 'progress', id: msg.id, file: file.name, done: i + 1, total: msg.files.length });
      }
      return reply(msg.id, prepareFromTexts(texts.map((t) => t.name).join(', '), texts, msg.ratio, msg.seed));
    }
    case 'demo':
      return reply(
        msg.id,
        prepareFromTexts('demo', [
          { name: 'train.txt', text: demoTrain },
          { name: 'dev.txt', text: demoDev },
          { name: 'test.txt', text: demoTest },
        ]),
      );
    default:
      msg satisfies never;
  }
}

function reply(id: number, result: ReturnType<typeof prepareFromTexts>): void {
  if (result.dataset) post({ type: 'prepared', id, dataset: result.dataset, diagnostics: result.diagnostics }, preparedBuffers(result.dataset));
  else post({ type: 'failed', id, diagnostics: result.diagnostics });
}

self.onmessage = (e: MessageEvent<DataRequest>) => {
  handle(e.data).catch((err: Error) =>
    post({ type: 'failed', id: e.data.id, diagnostics: [{ severity: 'error', file: '(data worker)', message: err.message }] }),
  );
};
