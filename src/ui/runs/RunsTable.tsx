/** @file Every run, one row each, with the columns of runColumns.tsx; selecting one drives the charts, views and downloads. */
import { useStudio } from '../../store';
import { RUN_COLUMNS } from './runColumns';

export function RunsTable() {
  const runs = useStudio((s) => s.runs);
  const selectedId = useStudio((s) => s.selectedRunId);
  return (
    <table aria-label="Runs" className="runs">
      <thead>
        <tr>
          {RUN_COLUMNS.map((c) => (
            <th scope="col" key={c.key} className={`col-${c.key}`}>
              {c.short ? (
                <>
                  <span aria-hidden="true" title={c.header}>
                    {c.short}
                  </span>
                  <span className="visually-hidden">{c.header}</span>
                </>
              ) : (
                c.header
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.length === 0 && (
          <tr>
            <td colSpan={RUN_COLUMNS.length} className="muted">
              No runs yet.
            </td>
          </tr>
        )}
        {runs.map((r) => (
          <tr key={r.id} aria-selected={r.id === selectedId} className={r.id === selectedId ? 'selected' : undefined}>
            {RUN_COLUMNS.map(({ key, Cell }, i) =>
              i === 0 ? (
                <th scope="row" key={key} className={`col-${key}`}>
                  <Cell run={r} />
                </th>
              ) : (
                <td key={key} className={`col-${key}`}>
                  <Cell run={r} />
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
