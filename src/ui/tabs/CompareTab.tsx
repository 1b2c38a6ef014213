/** @file Compare: the ticked runs' curves overlaid and side by side in a table, and the loss lab. */
import { Panel } from '../components/Panel';
import { ComparePanel } from '../compare/ComparePanel';
import { LossLab } from '../panels/LossLab';

export function CompareTab() {
  return (
    <div className="tab-grid">
      <Panel title="Compare runs" wide>
        <ComparePanel />
      </Panel>
      <Panel title="Loss lab" wide>
        <LossLab />
      </Panel>
    </div>
  );
}
