/// <reference lib="webworker" />
/** @file The data worker: reads dropped files (or the shipped demo), parses, splits and encodes them off the page's thread. */
import type { DataRequest, DataResponse } from './protocol';
import type { ParsedInput } from '../core/formats';
import { parseDroppedFile } from './readFile';
import { prepareFiles, prepareTexts, type PrepareResult } from '../core/dataset/finish';
import { preparedBuffers } from '../core/dataset/prepared';
import { matchedVectors } from '../core/vectors/matchedVectors';
import { parseWordVectors } from '../core/vectors/wordVectors';
import { parseMetricsCsv } from '../core/metrics/csv';
import { runsFromMetricRows } from '../core/metrics/metricRows';
import demoTrain from '../../datasets/demo/train.txt?raw';
import demoDev from '../../datasets/demo/dev.txt?raw';
import demoTest from '../../datasets/demo/test.txt?raw';

const post = (msg: DataResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

async function handle(msg: DataRequest): Promise<void> {
  switch (msg.type) {
    case 'parse': {
      const { id, files } = msg;
      const parsed: ParsedInput[] = [];
      for (const [i, file] of files.entries()) {
        let percent = -1;
        // At most one message per percent of the file read; the one after the file says it is done.
        const onBytes = (bytes: number) => {
          const now = Math.floor((100 * bytes) / Math.max(1, file.size));
          if (now === percent || bytes >= file.size) return;
          percent = now;
          post({ type: 'progress', id, file: file.name, done: i, total: files.length, bytes, totalBytes: file.size });
        };
        parsed.push(await parseDroppedFile(file, onBytes));
        post({ type: 'progress', id, file: file.name, done: i + 1, total: files.length, bytes: file.size, totalBytes: file.size });
      }
      return reply(id, prepareFiles(files.map((f) => f.name).join(', '), { byName: parsed }, { ratio: msg.ratio, seed: msg.seed }));
    }
    case 'demo':
      return reply(
        msg.id,
        prepareTexts('demo', [
          { name: 'train.txt', text: demoTrain },
          { name: 'dev.txt', text: demoDev },
          { name: 'test.txt', text: demoTest },
        ]),
      );
    case 'wordVectors': {
      const vectors = matchedVectors(msg.file.name, parseWordVectors(await msg.file.text(), msg.file.name), msg.words);
      return post({ type: 'wordVectors', id: msg.id, vectors }, [vectors.data.buffer as ArrayBuffer]);
    }
    case 'csvLog': {
      const { file } = msg;
      try {
        return post({ type: 'csvLog', id: msg.id, runs: runsFromMetricRows(parseMetricsCsv(await file.text()), file.name) });
      } catch (e) {
        const message = (e as Error).message;
        return post({ type: 'failed', id: msg.id, diagnostics: [{ severity: 'error', file: file.name, message: message.startsWith(file.name) ? message.slice(file.name.length + 2) : message }] });
      }
    }
    default:
      msg satisfies never;
  }
}

function reply(id: number, result: PrepareResult): void {
  if (result.dataset) post({ type: 'prepared', id, dataset: result.dataset, diagnostics: result.diagnostics }, preparedBuffers(result.dataset));
  else post({ type: 'failed', id, diagnostics: result.diagnostics });
}

self.onmessage = (e: MessageEvent<DataRequest>) => {
  handle(e.data).catch((err: Error) =>
    post({ type: 'failed', id: e.data.id, diagnostics: [{ severity: 'error', file: '(data worker)', message: err.message }] }),
  );
};
