/**
 * @file Train: the run form beside what the selected run is doing (status, progress, both live charts), so pressing
 * Train and watching it need no scrolling. The live column stays in view while the form scrolls.
 */
import { Panel } from '../components/Panel';
import { F1Chart } from '../charts/F1Chart';
import { LossChart } from '../charts/LossChart';
import { RunStatus } from '../panels/RunStatus';
import { TrainPanel } from '../panels/TrainPanel';
import { TrainingProgress } from '../panels/TrainingProgress';

export function TrainTab() {
  return (
    <div className="train-tab">
      <Panel title="Run settings">
        <TrainPanel />
      </Panel>
      <div className="live">
        <Panel title="Training">
          <RunStatus />
          <TrainingProgress />
          <div className="charts">
            <LossChart />
            <F1Chart />
          </div>
        </Panel>
      </div>
    </div>
  );
}
