/** @file Every run, one row each, with the columns of runColumns.tsx; selecting one drives the charts, views and downloads. */
import { memo } from 'react';
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runRecord';
import { RUN_COLUMNS } from './runColumns';

/** A row renders again only when its run changes, not at every step of another run. */
const RunRow = memo(function RunRow({ run, selected }: { run: RunRecord; selected: boolean }) {
  return (
    <tr aria-selected={selected} className={selected ? 'selected' : undefined}>
      {RUN_COLUMNS.map(({ key, Cell }, i) =>
        i === 0 ? (
          <th scope="row" key={key} className={`col-${key}`}>
            <Cell run={run} />
          </th>
        ) : (
          <td key={key} className={`col-${key}`}>
            <Cell run={run} />
          </td>
        ),
      )}
    </tr>
  );
});

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
          <RunRow key={r.id} run={r} selected={r.id === selectedId} />
        ))}
      </tbody>
    </table>
  );
}
