/** @file A table of the loaded dataset's splits: sentences, tokens and entities per type. */
import { useStudio } from '../../store';
import { TableScroll } from '../components/TableScroll';
import type { SplitName } from '../../core/types';

const SPLITS: SplitName[] = ['train', 'dev', 'test'];

export function DatasetSummaryView() {
  const summary = useStudio((s) => s.dataset?.summary);
  if (!summary) return <p className="muted">No dataset loaded yet.</p>;
  const types = [...new Set(SPLITS.flatMap((s) => Object.keys(summary.splits[s].entities)))].sort();
  return (
    <div>
      <p>
        Loaded <strong>{summary.name}</strong>: {summary.labels.length} labels.
      </p>
      <TableScroll label="Dataset summary">
      <table aria-label="Dataset summary" className="compact">
        <thead>
          <tr>
            <th scope="col">Split</th>
            <th scope="col">Sentences</th>
            <th scope="col">Tokens</th>
            {types.map((t) => (
              <th scope="col" key={t}>
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SPLITS.map((split) => (
            <tr key={split}>
              <th scope="row">{split}</th>
              <td>{summary.splits[split].sentences}</td>
              <td>{summary.splits[split].tokens}</td>
              {types.map((t) => (
                <td key={t}>{summary.splits[split].entities[t] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </div>
  );
}
