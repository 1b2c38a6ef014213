/** @file Embedding label smoothing's learned label-label similarity, at each saved state of the run: scrub to see it change. */
import { useState } from 'react';
import { Heatmap } from '../components/Heatmap';
import { useSelectedRun } from '../useSelectedRun';

export function SimilarityView() {
  const run = useSelectedRun();
  const history = run?.similarity ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  if (!run || history.length === 0 || !run.labels?.length) return null;
  const at = Math.min(picked ?? history.length - 1, history.length - 1);
  const { step, matrix } = history[at];
  const K = run.labels.length;
  const rows = run.labels.map((_, i) => matrix.slice(i * K, (i + 1) * K));
  let best = { a: '', b: '', v: -Infinity };
  for (let i = 0; i < K; i++) for (let j = i + 1; j < K; j++) if (rows[i][j] > best.v) best = { a: run.labels[i], b: run.labels[j], v: rows[i][j] };
  return (
    <div className="similarity">
      <h3>Learned label similarity</h3>
      <div className="field inline">
        <label htmlFor="similarity-step">Similarity at step</label>
        <input id="similarity-step" type="range" min={0} max={history.length - 1} value={at} onChange={(e) => setPicked(Number(e.target.value))} aria-valuetext={`step ${step}`} />
        <span>step {step}</span>
      </div>
      <Heatmap
        name="Label similarity heatmap"
        summary={`Cosine similarity of the learned label embeddings in ${run.name} at step ${step}; blue is alike, red opposite. Closest pair: ${best.a} and ${best.b} (${best.v.toFixed(2)}).`}
        rowLabels={run.labels}
        colLabels={run.labels}
        values={rows}
        rowTitle="Label"
        colTitle="Label"
        diverging
      />
    </div>
  );
}
