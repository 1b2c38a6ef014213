/** @file The header's word on the data: the dataset loaded, or the files being read with a progress bar. */
import { useStudio } from '../../store';
import { ProgressBar } from '../components/ProgressBar';

export function DatasetBadge() {
  const loading = useStudio((s) => s.loading);
  const summary = useStudio((s) => s.dataset?.summary);
  return (
    <div className="badge dataset-badge">
      {/* One live region, always there, so screen readers hear each change of the load's progress. */}
      <span aria-live="polite" className="badge-text">
        {loading ? (
          loading.text
        ) : summary ? (
          <>
            Dataset <strong title={summary.name}>{summary.name}</strong> · {summary.splits.train.sentences.toLocaleString('en-US')} train sentences
          </>
        ) : (
          'No dataset loaded'
        )}
      </span>
      {loading && <ProgressBar label="Reading files" fraction={loading.fraction} text={loading.text} />}
    </div>
  );
}
