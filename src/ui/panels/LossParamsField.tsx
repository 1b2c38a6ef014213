/**
 * @file The chosen loss's parameters as YAML (the same text as model.loss.params in a config file), with each
 * parameter's meaning and default, and every problem named by key before training starts.
 */
import { useEffect, useRef, useState } from 'react';
import { parse, stringify } from 'yaml';
import type { RunConfig } from '../../core/config/config';
import { lossDataFor } from '../../core/losses/lossData';
import { lossDataProblems, lossParamProblems } from '../../core/losses/lossRules';
import { LOSS_SPECS } from '../../core/losses/lossSpecs';
import { useStudio } from '../../store';

const show = (params: Record<string, unknown>) => (Object.keys(params).length === 0 ? '' : stringify(params).trimEnd());

export function LossParamsField({ config }: { config: RunConfig }) {
  const setConfig = useStudio((s) => s.setConfig);
  const vocab = useStudio((s) => s.dataset?.vocab);
  const [text, setText] = useState(show(config.lossParams));
  const [syntax, setSyntax] = useState<string | null>(null);
  const typed = useRef(config.lossParams);
  // A new loss or an imported config replaces the text; what the person typed is left as typed.
  useEffect(() => {
    if (config.lossParams !== typed.current) {
      setText(show(config.lossParams));
      setSyntax(null);
    }
  }, [config.lossParams]);
  const spec = LOSS_SPECS[config.loss];
  const problems = syntax ? [syntax] : [...lossParamProblems(config.loss, config.lossParams, config.crf), ...(vocab ? lossDataProblems(config.loss, config.lossParams, config.crf, lossDataFor(vocab)) : [])];
  const params = Object.entries(spec.params);
  return (
    <div className="field loss-params">
      <label htmlFor="loss-params">Loss parameters</label>
      <textarea
        id="loss-params"
        rows={Math.max(2, text.split('\n').length)}
        spellCheck={false}
        placeholder={params.length ? 'defaults; e.g. ' + params.map(([k, p]) => `${k}: ${JSON.stringify(p.default ?? '…')}`).join(', ') : 'this loss has no parameters'}
        value={text}
        aria-describedby="loss-params-help"
        aria-invalid={problems.length > 0}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const value = e.target.value.trim() === '' ? {} : parse(e.target.value);
            setSyntax(null);
            // Not a mapping: kept as it is, so the check below says so by key.
            typed.current = value as Record<string, unknown>;
            setConfig({ lossParams: typed.current });
          } catch (err) {
            setSyntax(`lossParams: not valid YAML (${(err as Error).message.split('\n')[0]})`);
          }
        }}
      />
      <div id="loss-params-help" className="hint">
        {params.length === 0 ? 'No parameters.' : params.map(([k, p]) => <div key={k}><code>{k}</code>{p.default !== undefined ? ` (default ${JSON.stringify(p.default)})` : ''}: {p.doc}</div>)}
      </div>
      {problems.length > 0 && (
        <ul className="diagnostics" aria-label="Loss problems">
          {problems.map((p) => (
            <li key={p} className="error">
              {p}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
