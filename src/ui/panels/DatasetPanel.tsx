/**
 * @file The drop zone, the file input and the demo button; then what was loaded and anything wrong with it. Drops
 * anywhere on the window load files too (layout/DropOverlay.tsx); the header shows a load's progress.
 */
import { useStudio } from '../../store';
import { DatasetSummaryView } from './DatasetSummary';
import { FileButton } from '../components/FileButton';

export function DatasetPanel() {
  const addFiles = useStudio((s) => s.addFiles);
  const loadDemo = useStudio((s) => s.loadDemoDataset);
  const loading = useStudio((s) => s.loading);
  const diagnostics = useStudio((s) => s.diagnostics);

  return (
    <div className="dataset-panel">
      <div className="dataset-input">
        <div role="region" aria-label="Dataset drop zone" className="drop-zone">
          <p>Drop CoNLL files here or anywhere on the page (train / dev / test by file name; a single file is split 80/20).</p>
          <FileButton text="Choose files…" label="Add dataset files" multiple onFiles={(files) => void addFiles(files)} />
        </div>
        <button type="button" onClick={() => void loadDemo()} disabled={loading !== null}>
          Load demo dataset
        </button>
        {loading && <p className="muted">{loading.text}</p>}
        {diagnostics.length > 0 && (
          <ul className="diagnostics" aria-label="Dataset problems">
            {diagnostics.map((d, i) => (
              <li key={i} role={d.severity === 'error' ? 'alert' : undefined} className={d.severity}>
                <strong>{d.severity === 'error' ? 'Error' : 'Warning'}</strong> {d.file}
                {d.line !== undefined ? `:${d.line}` : ''}: {d.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <DatasetSummaryView />
    </div>
  );
}
