/** @file Downloads the current settings and dataset as a PyTorch project (built in the export worker) to train with torchrun. */
import { useStudio } from '../../store';
import { downloadBlob } from '../components/download';

export function TorchProjectButton() {
  const build = useStudio((s) => s.buildTorchProject);
  const { busy, error } = useStudio((s) => s.torchProject);
  const hasData = useStudio((s) => s.dataset !== null);
  const save = async () => {
    const zip = await build();
    if (zip) downloadBlob(new Blob([zip.bytes as BlobPart], { type: 'application/zip' }), zip.name);
  };
  return (
    <>
      <button
        type="button"
        disabled={!hasData || busy}
        onClick={() => void save()}
        title="run.yaml, the prepared data, the Python package and a README: train it with torchrun on a CPU or many GPUs"
      >
        Download as PyTorch project
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}
