/** @file Lists the runs of a metrics CSV trained elsewhere (ner train, ner_studio_torch on a cluster) beside the browser's, for Compare. */
import { useState } from 'react';
import { useStudio } from '../../store';

export function CsvLogImport() {
  const importCsvLog = useStudio((s) => s.importCsvLog);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="checkpoint-import">
      <label className="file-button">
        <span>Import CSV log…</span>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="Import CSV log…"
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importCsvLog(file).then(setProblem);
            e.target.value = '';
          }}
        />
      </label>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
