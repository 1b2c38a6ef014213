/** @file Per-split numbers beside the charts: sizes, lengths, scheme, words unseen in train, and sentences shared by splits. */
import type { DatasetStats } from '../../core/dataset/stats';
import { TableScroll } from '../components/TableScroll';
import { SPLITS } from './datasetCharts';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function DatasetStatsTable({ stats }: { stats: DatasetStats }) {
  const oov = { train: null, ...stats.oov };
  const leaks = stats.overlaps.filter((o) => o.sentences > 0);
  return (
    <div>
      <TableScroll label="Dataset statistics">
        <table aria-label="Dataset statistics" className="compact">
          <thead>
            <tr>
              <th scope="col">Split</th>
              <th scope="col">Sentences</th>
              <th scope="col">Tokens</th>
              <th scope="col">Entities</th>
              <th scope="col">Sentence length (mean / median / max)</th>
              <th scope="col">Entity length (mean / max)</th>
              <th scope="col">Tag scheme</th>
              <th scope="col">Tokens unseen in train</th>
            </tr>
          </thead>
          <tbody>
            {SPLITS.map((split) => {
              const s = stats.splits[split];
              return (
                <tr key={split}>
                  <th scope="row">{split}</th>
                  <td>{s.sentences}</td>
                  <td>{s.tokens}</td>
                  <td>{s.entityTotal}</td>
                  <td>{s.sentences === 0 ? '—' : `${s.sentenceLength.mean.toFixed(1)} / ${s.sentenceLength.median} / ${s.sentenceLength.max}`}</td>
                  <td>{s.entityTotal === 0 ? '—' : `${s.entityLength.mean.toFixed(2)} / ${s.entityLength.max}`}</td>
                  <td>{s.sentences === 0 ? '—' : s.scheme}</td>
                  <td>{percent(oov[split])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {leaks.length === 0 ? (
        <p className="muted">No sentence occurs in more than one split.</p>
      ) : (
        <ul className="diagnostics" aria-label="Sentences shared between splits">
          {leaks.map((o) => (
            <li key={o.splits.join('-')} className="warning">
              {o.splits[0]} and {o.splits[1]} share {o.sentences} sentence{o.sentences === 1 ? '' : 's'}, e.g. “{o.examples[0]}”
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
