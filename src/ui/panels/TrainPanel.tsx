/**
 * @file The run form: Train and Stop first (so they sit beside the live charts), then encoder, loss, CRF, the numbers
 * that matter, the backend; last, the settings in and out (a config YAML, a PyTorch project). Train waits while files are read: a run trains the dataset the person sees.
 */
import { useState } from 'react';
import { BACKEND_CHOICES, type RunConfig } from '../../core/config/config';
import { useStudio } from '../../store';
import { isActive } from '../../store/runs';
import { NumberField } from '../components/NumberField';
import { AdvancedFields } from './AdvancedFields';
import { ConfigImport } from './ConfigImport';
import { ModelFields } from './ModelFields';
import { PretrainedPanel } from './PretrainedPanel';
import { TorchProjectButton } from './TorchProjectButton';
import { useOpenTab } from '../layout/openTab';

export function TrainPanel() {
  const config = useStudio((s) => s.config);
  const setConfig = useStudio((s) => s.setConfig);
  const train = useStudio((s) => s.train);
  const stop = useStudio((s) => s.stop);
  const loseDevice = useStudio((s) => s.loseDevice);
  const pause = useStudio((s) => s.pause);
  // Strings, not the run: the form should not render again at every step of the run it started.
  const activeId = useStudio((s) => s.runs.find(isActive)?.id ?? null);
  const activeStatus = useStudio((s) => s.runs.find(isActive)?.status ?? null);
  const activeBackend = useStudio((s) => s.runs.find(isActive)?.backend ?? null);
  const active = activeId === null ? null : { id: activeId, status: activeStatus, backend: activeBackend };
  const loading = useStudio((s) => s.loading);
  const hasData = useStudio((s) => s.dataset !== null);
  const openTab = useOpenTab();
  const [problems, setProblems] = useState<string[]>([]);
  const set = <K extends keyof RunConfig>(key: K) => (value: RunConfig[K]) => setConfig({ [key]: value } as Partial<RunConfig>);

  return (
    <form
      className="train-form"
      onSubmit={(e) => {
        e.preventDefault();
        setProblems(train(config));
      }}
    >
      <div className="buttons">
        <button type="submit" className="primary" disabled={Boolean(active) || loading !== null} aria-describedby={loading ? 'train-waits' : undefined}>
          Train
        </button>
        <button type="button" disabled={!active} onClick={() => active && stop(active.id)}>
          Stop
        </button>
        <button type="button" disabled={!active || active.status === 'starting' || active.status === 'saving'} onClick={() => active && pause(active.id, active.status !== 'paused')}>
          {active?.status === 'paused' ? 'Continue' : 'Pause'}
        </button>
        <button
          type="button"
          className="quiet"
          title="Destroys the run's WebGPU device, as a driver reset would, to check that training carries on on wasm"
          disabled={!active || active.backend !== 'webgpu'}
          onClick={() => active && loseDevice(active.id)}
        >
          Simulate GPU loss
        </button>
      </div>
      {loading && (
        <p id="train-waits" className="hint train-note">
          Train waits for the files: {loading.text}
        </p>
      )}
      {!hasData && !loading && (
        <p className="hint train-note">
          No dataset yet:{' '}
          <button type="button" className="link" onClick={() => openTab('data')}>
            load one in the Data tab
          </button>{' '}
          or drop CoNLL files anywhere on the page.
        </p>
      )}
      {problems.length > 0 && (
        <ul role="alert" className="diagnostics">
          {problems.map((p) => (
            <li key={p} className="error">
              {p}
            </li>
          ))}
        </ul>
      )}
      <ModelFields config={config} set={set} />
      {config.encoder === 'pretrained' && <PretrainedPanel config={config} set={set} />}
      <NumberField label="Epochs" value={config.epochs} min={1} step={1} onChange={set('epochs')} />
      <NumberField label="Batch size" value={config.batchSize} min={1} step={1} onChange={set('batchSize')} />
      <NumberField label="Learning rate" value={config.learningRate} min={0} step={0.0005} onChange={set('learningRate')} />
      <NumberField label="Max steps" value={config.maxSteps} min={0} step={1} onChange={set('maxSteps')} hint="0 = no limit" />
      <div className="field">
        <label htmlFor="backend">Backend</label>
        <select id="backend" value={config.backend} onChange={(e) => set('backend')(e.target.value as RunConfig['backend'])}>
          {BACKEND_CHOICES.map((name) => (
            <option key={name} value={name}>
              {name === 'auto' ? 'auto (the faster on a real GPU, else wasm)' : name}
            </option>
          ))}
        </select>
      </div>
      <AdvancedFields config={config} set={set} />
      <ConfigImport />
      <div className="buttons torch-project">
        <TorchProjectButton />
      </div>
    </form>
  );
}
