/** @file Downloads a finished run on a pretrained encoder as a Hugging Face token-classification model (zip). */
import { useState } from 'react';
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runs';
import { downloadBlob } from '../components/download';

export function HfExportButton({ run }: { run: RunRecord | null | undefined }) {
  const exportHuggingFace = useStudio((s) => s.exportHuggingFace);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (run?.config.encoder !== 'pretrained') return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const { name, bytes } = await exportHuggingFace(run.id);
      downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), name);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={!run.checkpoint || busy} onClick={() => void save()} title="config.json with id2label, model.safetensors under transformers' names (CRF as extra tensors), the tokenizer files">
        Download Hugging Face model
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}
