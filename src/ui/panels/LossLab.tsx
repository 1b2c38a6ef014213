/** @file The loss lab: pick losses and seeds, queue one identical run per pair, compare mean and spread of dev F1. */
import { useState } from 'react';
import { LOSS_LABELS, LOSS_NAMES, type LossChoice } from '../../core/config/config';
import { useStudio } from '../../store';
import { labSummary } from '../../store/lab';

const f3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));

export function parseSeeds(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const seeds = parts.map(Number);
  return seeds.length > 0 && seeds.every((n) => Number.isInteger(n) && n >= 0) ? [...new Set(seeds)] : null;
}

export function LossLab() {
  const start = useStudio((s) => s.startLossLab);
  const cancel = useStudio((s) => s.cancelLab);
  const queued = useStudio((s) => s.labQueue.length);
  const runs = useStudio((s) => s.runs);
  const [losses, setLosses] = useState<LossChoice[]>(['crf', 'cross_entropy']);
  const [seedText, setSeedText] = useState('42, 43');
  const [messages, setMessages] = useState<string[]>([]);
  const labId = [...runs].reverse().find((r) => r.lab)?.lab?.id ?? null;
  const summary = labId ? labSummary(runs, labId) : [];
  const seeds = parseSeeds(seedText);
  return (
    <div className="loss-lab">
      {/* A list box, not checkboxes: a checkbox named "CRF negative log-likelihood" would also answer to the
          form's "CRF" checkbox, which outside automation finds by name. */}
      <div className="field">
        <label htmlFor="lab-losses">Losses to compare</label>
        <select id="lab-losses" multiple size={Math.min(LOSS_NAMES.length, 6)} value={losses} onChange={(e) => setLosses([...e.target.selectedOptions].map((o) => o.value as LossChoice))}>
          {LOSS_NAMES.map((loss) => (
            <option key={loss} value={loss}>
              {LOSS_LABELS[loss] ?? loss}
            </option>
          ))}
        </select>
        <span className="hint">Ctrl-click or Shift-arrow to choose several</span>
      </div>
      <div className="controls">
        <div className="field">
          <label htmlFor="lab-seeds">Seeds</label>
          <input id="lab-seeds" type="text" value={seedText} onChange={(e) => setSeedText(e.target.value)} aria-invalid={!seeds} aria-describedby="lab-seeds-hint" />
          <span id="lab-seeds-hint" className="hint">
            whole numbers, comma-separated; the rest of the form is used as it is
          </span>
        </div>
        <button type="button" disabled={!seeds || losses.length === 0} onClick={() => seeds && setMessages(start(losses, seeds))}>
          Run loss lab
        </button>
        <button type="button" disabled={queued === 0} onClick={cancel}>
          Cancel queued runs
        </button>
        {queued > 0 && <span aria-live="polite">{queued} runs queued</span>}
      </div>
      {messages.length > 0 && (
        <ul className="diagnostics" aria-label="Loss lab messages">
          {messages.map((m) => (
            <li key={m} className="warning">
              Skipped {m}
            </li>
          ))}
        </ul>
      )}
      {summary.length > 0 && (
        <table aria-label="Loss lab results">
          <thead>
            <tr>
              <th scope="col">Loss</th>
              <th scope="col">Runs done</th>
              <th scope="col">Mean best dev F1</th>
              <th scope="col">Spread (sd)</th>
              <th scope="col">Range</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr key={s.loss}>
                <th scope="row">{s.loss}</th>
                <td>
                  {s.scored}/{s.runs}
                </td>
                <td>{f3(s.meanF1)}</td>
                <td>{s.stdF1 === null ? '–' : `± ${s.stdF1.toFixed(3)}`}</td>
                <td>{s.minF1 === null ? '–' : `${f3(s.minF1)}–${f3(s.maxF1)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
