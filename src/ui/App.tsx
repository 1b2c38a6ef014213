/** @file The studio's layout: data on the left, training and its live charts in the middle, runs below. */
import { useEffect } from 'react';
import { useStudio } from '../store';
import { Panel } from './components/Panel';
import { DatasetPanel } from './panels/DatasetPanel';
import { TrainPanel } from './panels/TrainPanel';
import { RunStatus } from './panels/RunStatus';
import { RunsTable } from './panels/RunsTable';
import { Playground } from './panels/Playground';
import { ComparePanel } from './compare/ComparePanel';
import { LossLab } from './panels/LossLab';
import { LossChart } from './charts/LossChart';
import { F1Chart } from './charts/F1Chart';
import { DatasetView } from './panels/DatasetView';
import { ErrorAnalysisView } from './panels/ErrorAnalysisView';
import { CrfView } from './panels/CrfView';
import { SimilarityView } from './panels/SimilarityView';

export function App() {
  useEffect(() => {
    void useStudio.getState().restoreRuns();
  }, []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>NER Training Studio</h1>
        <p className="tagline">Train a named entity tagger on your own GPU, in this tab. Your data never leaves the machine.</p>
      </header>
      <main className="app-main">
        <Panel title="Data">
          <DatasetPanel />
        </Panel>
        <Panel title="Training">
          <TrainPanel />
          <RunStatus />
        </Panel>
        <Panel title="Metrics" wide>
          <div className="charts">
            <LossChart />
            <F1Chart />
          </div>
        </Panel>
        <Panel title="Runs" wide>
          <RunsTable />
        </Panel>
        <Panel title="Compare runs" wide>
          <ComparePanel />
        </Panel>
        <Panel title="Loss lab" wide>
          <LossLab />
        </Panel>
        <Panel title="Playground" wide>
          <Playground />
        </Panel>
        <Panel title="Dataset view" wide>
          <DatasetView />
        </Panel>
        <Panel title="Error analysis" wide>
          <ErrorAnalysisView />
        </Panel>
        <Panel title="Model view" wide>
          <h3>CRF transitions</h3>
          <CrfView />
          <SimilarityView />
        </Panel>
      </main>
    </div>
  );
}
