/** @file Every run with its name, encoder, loss, status, best dev F1 and test F1; selecting one drives the charts and downloads. */
import { useStudio } from '../../store';
import { allRunsCsv, runCsv } from '../../store/exports';
import { toRunYaml } from '../../core/config/yamlConfig';
import { useSelectedRun } from '../useSelectedRun';
import { downloadBlob } from '../components/download';
import { CheckpointImport } from './CheckpointImport';
import { CsvLogImport } from './CsvLogImport';
import { HfExportButton } from './HfExportButton';
import { TorchProjectButton } from './TorchProjectButton';

export function RunsTable() {
  const runs = useStudio((s) => s.runs);
  const selectedId = useStudio((s) => s.selectedRunId);
  const selectRun = useStudio((s) => s.selectRun);
  const removeRun = useStudio((s) => s.removeRun);
  const compareIds = useStudio((s) => s.compareIds);
  const toggleCompare = useStudio((s) => s.toggleCompare);
  const selected = useSelectedRun();
  return (
    <div>
      <table aria-label="Runs" className="runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Dataset</th>
            <th scope="col">Encoder</th>
            <th scope="col">Loss</th>
            <th scope="col">Status</th>
            <th scope="col">Best dev F1</th>
            <th scope="col">Test F1</th>
            <th scope="col">Compare</th>
          </tr>
        </thead>
        <tbody>
          {runs.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No runs yet.
              </td>
            </tr>
          )}
          {runs.map((r) => (
            <tr key={r.id} aria-selected={r.id === selectedId} className={r.id === selectedId ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className="link" aria-pressed={r.id === selectedId} onClick={() => selectRun(r.id)}>
                  {r.name}
                </button>
              </th>
              <td>{r.dataset}</td>
              <td>{r.configUnknown ? '–' : r.config.encoder}</td>
              <td>{r.configUnknown ? '–' : `${r.config.loss}${r.config.crf ? ' + CRF' : ''}`}</td>
              <td>{r.status}</td>
              <td>{r.bestDevF1 === null ? '–' : r.bestDevF1.toFixed(3)}</td>
              <td>{r.test ? r.test.f1.toFixed(3) : '–'}</td>
              <td>
                <input type="checkbox" aria-label={`Compare ${r.name}`} checked={compareIds.includes(r.id)} onChange={() => toggleCompare(r.id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button
          type="button"
          disabled={!selected?.checkpoint}
          onClick={() => selected?.checkpoint && downloadBlob(new Blob([selected.checkpoint as BlobPart], { type: 'application/zip' }), `${selected.name}.zip`)}
        >
          Download checkpoint
        </button>
        <HfExportButton run={selected} />
        <button
          type="button"
          disabled={!selected || selected.steps.length === 0}
          onClick={() => selected && downloadBlob(new Blob([runCsv(selected)], { type: 'text/csv' }), `${selected.name}.csv`)}
        >
          Download CSV log
        </button>
        <button
          type="button"
          disabled={!selected || selected.configUnknown}
          onClick={() => selected && downloadBlob(new Blob([toRunYaml(selected.config)], { type: 'application/yaml' }), `${selected.name}.yaml`)}
        >
          Download config YAML
        </button>
        <button type="button" disabled={runs.every((r) => r.steps.length === 0)} onClick={() => downloadBlob(new Blob([allRunsCsv(runs)], { type: 'text/csv' }), 'all-runs.csv')}>
          Download all runs CSV
        </button>
        <button type="button" disabled={!selected} onClick={() => selected && removeRun(selected.id)}>
          Delete run
        </button>
        <TorchProjectButton />
      </div>
      <CheckpointImport />
      <CsvLogImport />
    </div>
  );
}
