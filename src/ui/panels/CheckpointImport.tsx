/** @file Opens a checkpoint file (from the studio or `ner train`) as a finished run: to try it, inspect it or download it again. */
import { useState } from 'react';
import { useStudio } from '../../store';

export function CheckpointImport() {
  const importCheckpoint = useStudio((s) => s.importCheckpoint);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="checkpoint-import">
      <label className="file-button">
        <span>Open a model file…</span>
        <input
          type="file"
          accept=".zip,application/zip"
          aria-label="Open model file"
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importCheckpoint(file).then(setProblem);
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
