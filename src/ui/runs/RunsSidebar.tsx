/**
 * @file The runs sidebar, always at hand: every run with its colour, status and progress, the selected run's
 * actions, and what brings runs in or takes them all out. Collapsed, it stays mounted in a hidden <Activity>.
 */
import { Activity } from 'react';
import { useStudio } from '../../store';
import { allRunsCsv } from '../../store/exports';
import { downloadBlob } from '../components/download';
import { RunActions } from './RunActions';
import { RunFileImport } from './RunFileImport';
import { RunsTable } from './RunsTable';

export const SIDEBAR_ID = 'runs-sidebar';

function AllRuns() {
  const runs = useStudio((s) => s.runs);
  const importCheckpoint = useStudio((s) => s.importCheckpoint);
  const importCsvLog = useStudio((s) => s.importCsvLog);
  return (
    <section className="all-runs" aria-labelledby="all-runs-heading">
      <h3 id="all-runs-heading">All runs</h3>
      <div className="buttons">
        <button type="button" disabled={runs.every((r) => r.steps.length === 0)} onClick={() => downloadBlob(new Blob([allRunsCsv(runs)], { type: 'text/csv' }), 'all-runs.csv')}>
          Download all runs CSV
        </button>
        <RunFileImport text="Open a model file…" label="Open model file" accept=".zip,application/zip" open={importCheckpoint} />
        <RunFileImport text="Import CSV log…" label="Import CSV log…" accept=".csv,text/csv" open={importCsvLog} />
      </div>
    </section>
  );
}

export function RunsSidebar({ open }: { open: boolean }) {
  return (
    <aside id={SIDEBAR_ID} className="sidebar" aria-labelledby="runs-heading" hidden={!open}>
      <Activity mode={open ? 'visible' : 'hidden'}>
        <h2 id="runs-heading">Runs</h2>
        <RunsTable />
        <RunActions />
        <AllRuns />
      </Activity>
    </aside>
  );
}
