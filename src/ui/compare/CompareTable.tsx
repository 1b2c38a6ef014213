/** @file Compared runs side by side: configs, final and best dev F1, per-type F1 with differences from a baseline. */
import { useState } from 'react';
import { TableScroll } from '../components/TableScroll';
import type { RunRecord } from '../../store/runs';
import { comparisonRows, formatDelta } from './table';

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

export function CompareTable({ runs }: { runs: RunRecord[] }) {
  const [baselineId, setBaselineId] = useState<string | null>(null);
  const baseline = runs.find((r) => r.id === baselineId) ?? runs[0];
  const { types, rows } = comparisonRows(runs, baseline?.id ?? null);
  return (
    <div>
      <div className="field inline">
        <label htmlFor="baseline-run">Baseline run</label>
        <select id="baseline-run" value={baseline?.id ?? ''} onChange={(e) => setBaselineId(e.target.value)}>
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <TableScroll label="Run comparison">
        <table aria-label="Run comparison">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Config</th>
              <th scope="col">Final dev F1</th>
              <th scope="col">Best dev F1</th>
              {types.map((t) => (
                <th scope="col" key={t}>
                  F1 {t}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.config}</td>
                <td>{f3(r.finalF1)}</td>
                <td>{f3(r.bestF1)}</td>
                {types.map((t) => (
                  <td key={t}>
                    {f3(r.perType[t])}
                    {t in r.perTypeDelta && <span className={r.perTypeDelta[t] < 0 ? 'delta worse' : 'delta better'}> ({formatDelta(r.perTypeDelta[t])})</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
