/** @file What to train: a preset, the encoder, the loss with its parameters, the CRF. */
import { ENCODER_NAMES, LOSS_LABELS, LOSS_NAMES, type RunConfig } from '../../core/config/config';
import { applyPreset, isPresetName, matchingPreset, PRESET_NAMES } from '../../core/config/presets';
import { useStudio } from '../../store';
import { LossParamsField } from './LossParamsField';
import { WordVectorsField } from './WordVectorsField';

const ENCODER_LABELS: Record<(typeof ENCODER_NAMES)[number], string> = {
  bilstm: 'BiLSTM + char CNN',
  transformer: 'Transformer (from scratch) + char CNN',
  pretrained: 'Pretrained (Hugging Face)',
};

interface Props {
  config: RunConfig;
  set: <K extends keyof RunConfig>(key: K) => (value: RunConfig[K]) => void;
}

export function ModelFields({ config, set }: Props) {
  const setConfig = useStudio((s) => s.setConfig);
  const preset = matchingPreset(config) ?? 'custom';
  return (
    <>
      <div className="field">
        <label htmlFor="preset">Preset</label>
        <select id="preset" value={preset} onChange={(e) => isPresetName(e.target.value) && setConfig(applyPreset(config, e.target.value))}>
          {PRESET_NAMES.map((name) => (
            <option key={name}>{name}</option>
          ))}
          {preset === 'custom' && <option value="custom">custom</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor="encoder">Encoder</label>
        <select id="encoder" value={config.encoder} onChange={(e) => set('encoder')(e.target.value as RunConfig['encoder'])}>
          {ENCODER_NAMES.map((name) => (
            <option key={name} value={name}>
              {ENCODER_LABELS[name]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="loss">Loss</label>
        <select
          id="loss"
          value={config.loss}
          // Another loss has other parameters: start it from its defaults.
          onChange={(e) => setConfig({ loss: e.target.value as RunConfig['loss'], lossParams: {} })}
        >
          {LOSS_NAMES.map((name) => (
            <option key={name} value={name}>
              {LOSS_LABELS[name] ?? name}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input id="crf" type="checkbox" checked={config.crf} onChange={(e) => set('crf')(e.target.checked)} />
        <label htmlFor="crf">CRF</label>
      </div>
      <LossParamsField config={config} />
      {config.encoder !== 'pretrained' && <WordVectorsField />}
    </>
  );
}
