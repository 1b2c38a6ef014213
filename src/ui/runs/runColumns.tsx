/**
 * @file The Runs list's columns, in order: a header and a cell per column. Everything the sidebar shows about a run
 * comes from here, so a new field (a test-set score, say) is one entry.
 */
import type { ComponentType } from 'react';
import { useStudio } from '../../store';
import { isActive, progressOf, type RunRecord } from '../../store/runRecord';
import { ProgressBar } from '../components/ProgressBar';
import { progressText } from '../panels/TrainingProgress';
import { RunNameCell } from './RunNameCell';

export interface RunColumn {
  key: string;
  header: string;
  /** Shown to sighted people where the header is too long for the sidebar; the full header stays for screen readers. */
  short?: string;
  Cell: ComponentType<{ run: RunRecord }>;
}

const f3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));

function ModelCell({ run }: { run: RunRecord }) {
  return (
    <>
      <span className="run-dataset" title={`${run.dataset}, ${run.trainSize} training sentences`}>
        {run.dataset}
      </span>{' '}
      <span className="run-model">{run.configUnknown ? '–' : `${run.config.encoder} ${run.config.loss}${run.config.crf ? ' + CRF' : ''}`}</span>
    </>
  );
}

function StatusCell({ run }: { run: RunRecord }) {
  return (
    <>
      {run.status}
      {isActive(run) && <ProgressBar label={`Progress of ${run.name}`} fraction={progressOf(run)} text={progressText(run)} />}
    </>
  );
}

function CompareCell({ run }: { run: RunRecord }) {
  const checked = useStudio((s) => s.compareIds.includes(run.id));
  const toggle = useStudio((s) => s.toggleCompare);
  return <input type="checkbox" aria-label={`Compare ${run.name}`} checked={checked} onChange={() => toggle(run.id)} />;
}

export const RUN_COLUMNS: readonly RunColumn[] = [
  { key: 'name', header: 'Run', Cell: RunNameCell },
  { key: 'model', header: 'Data and model', short: 'Data, model', Cell: ModelCell },
  { key: 'status', header: 'Status', Cell: StatusCell },
  { key: 'best-dev-f1', header: 'Best dev F1', short: 'Dev F1', Cell: ({ run }) => <>{f3(run.bestDevF1)}</> },
  // The best checkpoint scored on the test split once the run ends (store/runs.ts scoreTestSplit).
  { key: 'test-f1', header: 'Test F1', Cell: ({ run }) => <>{f3(run.test ? run.test.f1 : null)}</> },
  { key: 'compare', header: 'Compare', short: 'Cmp.', Cell: CompareCell },
];
