/**
 * @file The benchmark's results as data (the JSON of `npm run bench -- --json FILE`) and as a markdown table.
 * Pure, so the shape is tested without running a benchmark.
 */

/** One preset on one backend in one environment. Fields in snake_case: this is the JSON file's shape. */
export interface BenchRun {
  env: 'node' | 'chromium';
  backend: string;
  model: string;
  batch_size: number;
  /** Measured steps (after the warm-up). */
  steps: number;
  train_sentences_per_s: number;
  train_tokens_per_s: number;
  predict_sentences_per_s: number;
  predict_tokens_per_s: number;
  ms_per_step: number;
  /** Peak bytes of live tensors during a training step (tf.profile), in MiB. */
  peak_memory_mb: number | null;
  /** Peak resident set size of the Node process (rss), in MiB; null in the browser. */
  peak_process_mb: number | null;
  /** GPU compute dispatches per training step; null off webgpu. */
  dispatches_per_step: number | null;
}

/** The PyTorch peer (../shared/peer/bilstm_crf_torch.py) on the same data, batch size and dimensions. */
export interface PeerResult {
  sentences_per_s: number;
  tokens_per_s: number;
}

export interface BenchReport {
  runs: BenchRun[];
  peer: PeerResult | null;
}

const fixed = (x: number | null, digits: number) => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(digits));

/** Ours divided by the peer's training throughput, in sentences/s and in tokens/s. */
export function peerRatio(run: BenchRun, peer: PeerResult | null): { sentences: number; tokens: number } | null {
  if (!peer || !(peer.sentences_per_s > 0 && peer.tokens_per_s > 0)) return null;
  return { sentences: run.train_sentences_per_s / peer.sentences_per_s, tokens: run.train_tokens_per_s / peer.tokens_per_s };
}

export interface TableOptions {
  /** Lines printed under the table: runs not measured and why, adapters, the peer's set-up. */
  notes?: string[];
  /** The preset the peer mirrors; its runs get a ratio to the peer. */
  peerModel?: string;
}

export function markdownTable(report: BenchReport, options: TableOptions = {}): string {
  const header = ['env', 'backend', 'model', 'batch', 'steps', 'train sent/s', 'train tok/s', 'ms/step', 'predict sent/s', 'predict tok/s', 'peak tensors MB', 'peak rss MB', 'dispatches/step'];
  const rows = report.runs.map((r) => [
    r.env,
    r.backend,
    r.model,
    String(r.batch_size),
    String(r.steps),
    fixed(r.train_sentences_per_s, 1),
    fixed(r.train_tokens_per_s, 0),
    fixed(r.ms_per_step, 1),
    fixed(r.predict_sentences_per_s, 1),
    fixed(r.predict_tokens_per_s, 0),
    fixed(r.peak_memory_mb, 1),
    fixed(r.peak_process_mb, 0),
    fixed(r.dispatches_per_step, 0),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(header), line(header.map((_, i) => (i < 3 ? '---' : '---:'))), ...rows.map(line)];
  if (options.notes && options.notes.length > 0) out.push('', ...options.notes.map((n) => `- ${n}`));
  if (report.peer) {
    out.push('', `PyTorch peer (CPU): ${fixed(report.peer.sentences_per_s, 1)} sentences/s, ${fixed(report.peer.tokens_per_s, 0)} tokens/s training`);
    for (const r of report.runs.filter((r) => r.model === options.peerModel)) {
      const ratio = peerRatio(r, report.peer);
      out.push(`- ${r.env} ${r.backend} ${r.model}: ${fixed(ratio?.sentences ?? null, 2)}x the peer in sentences/s, ${fixed(ratio?.tokens ?? null, 2)}x in tokens/s`);
    }
  }
  return `${out.join('\n')}\n`;
}
