/** @file The comparison table's numbers: final and best dev scores per run, per-type F1 and its difference from a baseline run. */
import type { RunRecord } from '../../store/runs';

export interface ComparisonRow {
  id: string;
  name: string;
  config: string;
  finalF1: number | null;
  bestF1: number | null;
  /** Per-type F1 of the last evaluation. */
  perType: Record<string, number>;
  /** This run's per-type F1 minus the baseline's; empty for the baseline itself. */
  perTypeDelta: Record<string, number>;
}

export function describeConfig(r: RunRecord): string {
  if (r.configUnknown) return 'from a CSV log: config not recorded';
  const c = r.config;
  // A pretrained run says which model, how it was fine-tuned, and (decoders) what context its tokens saw.
  const encoder = c.encoder === 'pretrained' ? `pretrained ${c.baseModel} (${c.finetune}${c.finetune === 'lora' && c.loraMlp ? ' + MLP' : ''}, ${c.decoderContext})` : c.encoder;
  return `${encoder}, ${c.loss}${c.crf ? ' + CRF' : ''}, lr ${c.learningRate}, batch ${c.batchSize}, ${c.epochs} epochs, seed ${c.seed}`;
}

export function comparisonRows(runs: RunRecord[], baselineId: string | null): { types: string[]; rows: ComparisonRow[] } {
  const lastPerType = (r: RunRecord) => Object.fromEntries(Object.entries(r.evals.at(-1)?.perType ?? {}).map(([t, p]) => [t, p.f1]));
  const baseline = runs.find((r) => r.id === baselineId);
  const basePerType = baseline ? lastPerType(baseline) : {};
  const types = [...new Set(runs.flatMap((r) => Object.keys(lastPerType(r))))].sort();
  const rows = runs.map((r) => {
    const perType = lastPerType(r);
    const perTypeDelta: Record<string, number> = {};
    if (baseline && r.id !== baseline.id) {
      for (const t of types) if (t in perType && t in basePerType) perTypeDelta[t] = perType[t] - basePerType[t];
    }
    return { id: r.id, name: r.name, config: describeConfig(r), finalF1: r.evals.at(-1)?.f1 ?? null, bestF1: r.bestDevF1, perType, perTypeDelta };
  });
  return { types, rows };
}

export function formatDelta(d: number): string {
  const s = d.toFixed(3);
  return d > 0 ? `+${s}` : d === 0 ? '±0.000' : s;
}
