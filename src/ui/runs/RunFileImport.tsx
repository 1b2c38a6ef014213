/**
 * @file Brings a run in from a file: a checkpoint (from the studio or `ner train`) opens as a finished run to try,
 * inspect or download again; a metrics CSV trained elsewhere (ner train, ner_studio_torch on a cluster) lists its
 * runs beside the browser's for Compare. A file that cannot be read says why, under its button.
 */
import { useState } from 'react';
import { FileButton, type FileButtonProps } from '../components/FileButton';

type RunFileImportProps = Omit<FileButtonProps, 'onFiles' | 'multiple'> & {
  /** Reads the file into the store; resolves to a problem to show, or null. */
  open: (file: File) => Promise<string | null>;
};

export function RunFileImport({ open, ...button }: RunFileImportProps) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="checkpoint-import">
      <FileButton {...button} onFiles={([file]) => void open(file).then(setProblem)} />
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
