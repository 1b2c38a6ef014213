/** @file The rest of the run config, folded away: optimiser, schedule, regularisation, evaluation, sizes. */
import { CHAR_ENCODER_NAMES, OPTIMIZER_NAMES, SCHEDULE_NAMES, type RunConfig } from '../../core/config/config';
import { NumberField } from '../components/NumberField';

interface Props {
  config: RunConfig;
  set: <K extends keyof RunConfig>(key: K) => (value: RunConfig[K]) => void;
}

export function AdvancedFields({ config, set }: Props) {
  return (
    <details className="advanced">
      <summary>Advanced settings</summary>
      <div className="train-form">
        <div className="field">
          <label htmlFor="optimizer">Optimizer</label>
          <select id="optimizer" value={config.optimizer} onChange={(e) => set('optimizer')(e.target.value as RunConfig['optimizer'])}>
            {OPTIMIZER_NAMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="schedule">Schedule</label>
          <select id="schedule" value={config.schedule} onChange={(e) => set('schedule')(e.target.value as RunConfig['schedule'])}>
            {SCHEDULE_NAMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
        <NumberField label="LR decay" value={config.lrDecay} min={0} step={0.01} onChange={set('lrDecay')} hint="inverse_time: lr / (1 + decay · epoch)" />
        <NumberField label="Warm-up steps" value={config.warmupSteps} min={0} step={1} onChange={set('warmupSteps')} />
        <NumberField label="Weight decay" value={config.weightDecay} min={0} step={0.001} onChange={set('weightDecay')} hint="AdamW" />
        <NumberField label="Momentum" value={config.momentum} min={0} step={0.05} onChange={set('momentum')} hint="SGD" />
        <NumberField label="Clip norm" value={config.clipNorm} min={0} step={0.5} onChange={set('clipNorm')} hint="0 = off" />
        <NumberField label="Gradient accumulation" value={config.gradAccumulation} min={1} step={1} onChange={set('gradAccumulation')} />
        <NumberField label="Evaluate every" value={config.evalEvery} min={0} step={1} onChange={set('evalEvery')} hint="steps; 0 = each epoch" />
        <NumberField label="Patience" value={config.patience} min={0} step={1} onChange={set('patience')} hint="evaluations; 0 = off" />
        <NumberField label="Singletons to UNK" value={config.singletonUnk} min={0} step={0.1} onChange={set('singletonUnk')} hint="probability; 0 = off" />
        <NumberField label="Average checkpoints" value={config.averageCheckpoints} min={0} step={1} onChange={set('averageCheckpoints')} hint="last N evaluations; 0 = off" />
        <NumberField label="Seed" value={config.seed} min={0} step={1} onChange={set('seed')} />
        <NumberField label="Dropout" value={config.dropout} min={0} step={0.05} onChange={set('dropout')} />
        <NumberField label="Word dim" value={config.wordDim} min={1} step={1} onChange={set('wordDim')} />
        <NumberField label="Char dim" value={config.charDim} min={1} step={1} onChange={set('charDim')} />
        <div className="field">
          <label htmlFor="char-encoder">Char encoder</label>
          <select id="char-encoder" value={config.charEncoder} onChange={(e) => set('charEncoder')(e.target.value as RunConfig['charEncoder'])}>
            {CHAR_ENCODER_NAMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
        <NumberField label="Char filters" value={config.charFilters} min={1} step={1} onChange={set('charFilters')} hint="cnn" />
        <NumberField label="Char LSTM units" value={config.charHidden} min={1} step={1} onChange={set('charHidden')} hint="lstm, per direction" />
        <NumberField label="Casing dim" value={config.casingDim} min={0} step={1} onChange={set('casingDim')} hint="0 = off" />
        <NumberField label="Hidden size" value={config.hidden} min={1} step={1} onChange={set('hidden')} hint="per direction" />
      </div>
    </details>
  );
}
