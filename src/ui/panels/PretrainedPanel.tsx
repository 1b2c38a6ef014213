/**
 * @file The pretrained encoder's part of the run form: which Hugging Face model (downloaded by id,
 * or added as files), what it is, how much of it trains and whether that fits, and the subword
 * settings (label alignment, aggregation, windows, fine-tuning).
 */
import { useEffect, useState } from 'react';
import { AGGREGATIONS, DECODER_CONTEXTS, FINETUNE_MODES, LABEL_ALIGNMENTS, type RunConfig } from '../../core/config/config';
import { useStudio } from '../../store';
import { NumberField } from '../components/NumberField';
import { FileButton } from '../components/FileButton';

interface Props {
  config: RunConfig;
  set: <K extends keyof RunConfig>(key: K) => (value: RunConfig[K]) => void;
}

const FAMILY_NAMES: Record<string, string> = {
  bert: 'BERT',
  distilbert: 'DistilBERT',
  roberta: 'RoBERTa',
  'xlm-roberta': 'XLM-RoBERTa',
  llama: 'Llama',
  mistral: 'Mistral',
  qwen2: 'Qwen2',
  modernbert: 'ModernBERT',
  'deberta-v2': 'DeBERTa-v2/v3',
};
const CONTEXT_LABELS: Record<RunConfig['decoderContext'], string> = {
  causal: 'causal (left context only)',
  bidirectional: 'bidirectional (causal mask lifted)',
  'sentence+reverse': 'sentence + reversed sentence',
};
const FINETUNE_LABELS: Record<RunConfig['finetune'], string> = {
  full: 'the whole encoder',
  frozen: 'frozen encoder (head only)',
  top: 'top N layers',
  lora: 'LoRA adapters',
};

const count = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / 2 ** 20))} MiB`);

export function PretrainedPanel({ config, set }: Props) {
  const loaded = useStudio((s) => s.pretrained);
  const loading = useStudio((s) => s.pretrainedLoading);
  const error = useStudio((s) => s.pretrainedError);
  const fit = useStudio((s) => s.pretrainedFit);
  const hub = useStudio((s) => s.hubEndpoint);
  const setHub = useStudio((s) => s.setHubEndpoint);
  const download = useStudio((s) => s.downloadPretrained);
  const addFiles = useStudio((s) => s.addPretrainedFiles);
  const checkFit = useStudio((s) => s.checkPretrainedFit);
  const labels = useStudio((s) => s.dataset?.vocab.labels.length ?? 0);
  const [modelId, setModelId] = useState(config.baseModel || 'bert-base-cased');

  // Counts and the memory check follow every setting that changes them.
  const { finetune, topLayers, loraRank, loraAlpha, loraMlp, batchSize, maxLength, crf, backend } = config;
  useEffect(() => {
    if (loaded) void checkFit(config);
  }, [loaded, finetune, topLayers, loraRank, loraAlpha, loraMlp, batchSize, maxLength, crf, backend, labels]);

  const startDownload = () => modelId.trim() && void download(modelId);
  const progress = loading?.progress;
  return (
    <fieldset
      className="pretrained"
      aria-label="Pretrained model"
      // The model's files may be dropped anywhere on this section; the dataset drop zone is for data.
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        void addFiles([...e.dataTransfer.files]);
      }}
    >
      <legend>Pretrained model</legend>
      <div className="row">
        <div className="field grow">
          <label htmlFor="hf-model-id">Hugging Face model id</label>
          <input
            id="hf-model-id"
            type="text"
            value={modelId}
            spellCheck={false}
            onChange={(e) => setModelId(e.target.value)}
            // Enter downloads; it must not submit the run form.
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), startDownload())}
          />
        </div>
        <button type="button" onClick={startDownload} disabled={loading !== null || !modelId.trim()}>
          Download model
        </button>
        <FileButton text="Add model files…" label="Add model files" multiple accept=".json,.safetensors,.txt,.bin,.model" onFiles={(files) => void addFiles(files)} />
      </div>
      <p className="hint">
        config.json, model.safetensors (or its shards with model.safetensors.index.json), tokenizer.json and tokenizer_config.json: choose them, or drop
        them on this section. Downloads are kept in this browser for the next visit. Fine-tuning
        wants a small learning rate: about 3e-5 for the whole encoder, 1e-3 for a frozen one or LoRA.
      </p>
      {loading && (
        <div className="field">
          <label htmlFor="hf-progress">{loading.what === 'download' ? `Downloading ${progress?.file ?? '…'}` : 'Reading the files…'}</label>
          <progress id="hf-progress" aria-label="Model download" max={progress?.total ?? undefined} value={progress?.total ? progress.loaded : undefined} />
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {loaded?.summary.decoder && (
        <p className="hint">
          A decoder reads left to right. <em>bidirectional</em> lifts its causal mask so every word sees both sides (as LLM2Vec); <em>sentence + reversed sentence</em>{' '}
          keeps the mask and averages a pass over the words with one over them in reverse order; <em>causal</em> gives each word its left context only. Train one
          run per choice and compare them under Compare.
        </p>
      )}
      {loaded && (
        <div aria-label="Loaded model" role="group" className="model-summary">
          <p>
            <strong>{loaded.summary.name}</strong>: {FAMILY_NAMES[loaded.summary.family] ?? loaded.summary.family}
            {loaded.summary.architectures.length > 0 && ` (${loaded.summary.architectures.join(', ')})`}, {loaded.summary.layers} layers, hidden size {loaded.summary.hiddenSize},{' '}
            {loaded.summary.heads} heads, {count(loaded.summary.vocabSize)} {loaded.summary.tokenizer} tokens, windows up to {loaded.summary.maxTokens} tokens, {mib(loaded.summary.bytes)}.
          </p>
          {fit && (
            <p>
              Parameters: {count(fit.trainable)} trainable of {count(fit.total)} ({FINETUNE_LABELS[config.finetune]}). Memory: about {mib(fit.memoryBytes)} at batch {config.batchSize} × {fit.seqLen} tokens on {fit.backend}
              {fit.halfPrecision ? ', frozen weights in float16' : ''}.
            </p>
          )}
          {fit?.problem && (
            <p role="alert" className="error">
              Too big for this device: {fit.problem}
            </p>
          )}
        </div>
      )}
      <div className="train-form">
        <Choice label="Fine-tuning" value={config.finetune} options={FINETUNE_MODES} names={FINETUNE_LABELS} onChange={set('finetune')} />
        {config.finetune === 'top' && <NumberField label="Top layers" value={config.topLayers} min={0} step={1} onChange={set('topLayers')} />}
        {config.finetune === 'lora' && <NumberField label="LoRA rank" value={config.loraRank} min={1} step={1} onChange={set('loraRank')} />}
        {config.finetune === 'lora' && <NumberField label="LoRA alpha" value={config.loraAlpha} min={1} step={1} onChange={set('loraAlpha')} />}
        {config.finetune === 'lora' && (
          <div className="field checkbox">
            <input id="hf-lora-mlp" type="checkbox" checked={config.loraMlp} onChange={(e) => set('loraMlp')(e.target.checked)} />
            <label htmlFor="hf-lora-mlp">LoRA on the MLP too</label>
          </div>
        )}
        {loaded?.summary.decoder && <Choice label="Decoder context" value={config.decoderContext} options={DECODER_CONTEXTS} names={CONTEXT_LABELS} onChange={set('decoderContext')} />}
        <Choice label="Label alignment" value={config.labelAlignment} options={LABEL_ALIGNMENTS} names={{ first: 'first subtoken', all: 'all subtokens' }} onChange={set('labelAlignment')} />
        <Choice label="Aggregation" value={config.aggregation} options={AGGREGATIONS} names={{ first: 'first', average: 'average', max: 'max' }} onChange={set('aggregation')} />
        <NumberField label="Window tokens" value={config.maxLength} min={0} step={1} onChange={set('maxLength')} hint="0 = the model's limit" />
        <NumberField label="Window overlap" value={config.stride} min={0} step={1} onChange={set('stride')} hint="tokens" />
        <div className="field">
          <label htmlFor="hf-hub">Hub address</label>
          <input id="hf-hub" type="url" value={hub} onChange={(e) => setHub(e.target.value)} />
        </div>
      </div>
    </fieldset>
  );
}

function Choice<T extends string>({ label, value, options, names, onChange }: { label: string; value: T; options: readonly T[]; names: Record<T, string>; onChange: (v: T) => void }) {
  const id = `hf-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {names[o]}
          </option>
        ))}
      </select>
    </div>
  );
}
