/**
 * @file What can be done with the selected run, in order: one small component per action. The sidebar shows them
 * under the Runs list; a new action (another download format, say) is one component and one entry here.
 */
import type { ComponentType } from 'react';
import { useStudio } from '../../store';
import { runCsv } from '../../store/exports';
import type { RunRecord } from '../../store/runRecord';
import { toRunYaml } from '../../core/config/yamlConfig';
import { downloadBlob } from '../components/download';
import { HfExportButton } from '../panels/HfExportButton';

export type RunAction = ComponentType<{ run: RunRecord }>;

function RenameButton({ run }: { run: RunRecord }) {
  const setRenaming = useStudio((s) => s.setRenaming);
  return (
    <button type="button" onClick={() => setRenaming(run.id)}>
      Rename
    </button>
  );
}

function CheckpointDownload({ run }: { run: RunRecord }) {
  return (
    <button
      type="button"
      disabled={!run.checkpoint}
      onClick={() => run.checkpoint && downloadBlob(new Blob([run.checkpoint as BlobPart], { type: 'application/zip' }), `${run.name}.zip`)}
    >
      Download checkpoint
    </button>
  );
}

function CsvLogDownload({ run }: { run: RunRecord }) {
  return (
    <button type="button" disabled={run.steps.length === 0} onClick={() => downloadBlob(new Blob([runCsv(run)], { type: 'text/csv' }), `${run.name}.csv`)}>
      Download CSV log
    </button>
  );
}

function ConfigDownload({ run }: { run: RunRecord }) {
  return (
    <button type="button" disabled={run.configUnknown} onClick={() => downloadBlob(new Blob([toRunYaml(run.config)], { type: 'application/yaml' }), `${run.name}.yaml`)}>
      Download config YAML
    </button>
  );
}

function DeleteButton({ run }: { run: RunRecord }) {
  const removeRun = useStudio((s) => s.removeRun);
  return (
    <button type="button" className="danger" onClick={() => removeRun(run.id)}>
      Delete run
    </button>
  );
}

export const RUN_ACTIONS: readonly RunAction[] = [RenameButton, CheckpointDownload, HfExportButton, CsvLogDownload, ConfigDownload, DeleteButton];
