/** @file Drop in pre-trained word vectors (GloVe / word2vec text) to start the word embeddings from; shows how many words were found. */
import { useStudio } from '../../store';
import { FileButton } from '../components/FileButton';

export function WordVectorsField() {
  const vectors = useStudio((s) => s.wordVectors);
  const { busy, error } = useStudio((s) => s.wordVectorsStatus);
  const add = useStudio((s) => s.addWordVectors);
  const remove = useStudio((s) => s.removeWordVectors);
  const used = useStudio((s) => vectors !== null && s.config.wordVectors === vectors.file);
  return (
    <div className="field word-vectors">
      <span className="label">Word vectors</span>
      <div className="row">
        <FileButton text={busy ? 'Reading…' : 'Add word vectors…'} label="Add word vectors" disabled={busy} onFiles={([file]) => void add(file)} />
        {vectors && (
          <button type="button" onClick={remove}>
            Remove word vectors
          </button>
        )}
      </div>
      <p className="hint" aria-live="polite">
        {vectors
          ? `${vectors.file}: ${vectors.dim}-dimensional; ${vectors.found.toLocaleString('en-US')} of ${vectors.total.toLocaleString('en-US')} vocabulary words found${used ? '' : ' (not used: the config names other vectors)'}.`
          : 'Random start. GloVe or word2vec text; matched case-insensitively.'}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
