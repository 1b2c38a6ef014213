import { describe, expect, it } from 'vitest';
import { markdownTable, peerRatio, type BenchRun } from './benchReport';

const run = (over: Partial<BenchRun>): BenchRun => ({
  env: 'node',
  backend: 'wasm',
  model: 'bilstm-small',
  batch_size: 32,
  steps: 10,
  train_sentences_per_s: 100,
  train_tokens_per_s: 1450.4,
  predict_sentences_per_s: 900.25,
  predict_tokens_per_s: 13000,
  ms_per_step: 320,
  peak_memory_mb: 12.345,
  peak_process_mb: 300.4,
  dispatches_per_step: null,
  ...over,
});

describe('bench report', () => {
  it('a table row per run, - where a figure does not apply, notes and the peer ratio below', () => {
    const report = { runs: [run({}), run({ env: 'chromium', backend: 'webgpu', peak_process_mb: null, dispatches_per_step: 1234.4 })], peer: { sentences_per_s: 250, tokens_per_s: 3626 } };
    const text = markdownTable(report, { notes: ['node cpu: not measured (why)'], peerModel: 'bilstm-small' });
    expect(text.split('\n')).toEqual([
      '| env | backend | model | batch | steps | train sent/s | train tok/s | ms/step | predict sent/s | predict tok/s | peak tensors MB | peak rss MB | dispatches/step |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| node | wasm | bilstm-small | 32 | 10 | 100.0 | 1450 | 320.0 | 900.3 | 13000 | 12.3 | 300 | - |',
      '| chromium | webgpu | bilstm-small | 32 | 10 | 100.0 | 1450 | 320.0 | 900.3 | 13000 | 12.3 | - | 1234 |',
      '',
      '- node cpu: not measured (why)',
      '',
      'PyTorch peer (CPU): 250.0 sentences/s, 3626 tokens/s training',
      '- node wasm bilstm-small: 0.40x the peer in sentences/s, 0.40x in tokens/s',
      '- chromium webgpu bilstm-small: 0.40x the peer in sentences/s, 0.40x in tokens/s',
      '',
    ]);
  });

  it('the JSON shape has the fields the issue names, and no ratio without a peer', () => {
    const r = run({});
    for (const key of ['env', 'backend', 'model', 'batch_size', 'train_sentences_per_s', 'train_tokens_per_s', 'predict_sentences_per_s', 'ms_per_step', 'peak_memory_mb', 'dispatches_per_step']) {
      expect(r).toHaveProperty(key);
    }
    expect(peerRatio(r, null)).toBeNull();
    expect(markdownTable({ runs: [r], peer: null })).not.toContain('peer');
  });
});
