/** @file The studio's layout: data on the left, training and its live charts in the middle, runs below. */
import { useEffect } from 'react';
import { useStudio } from '../store';
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
        <section aria-labelledby="data-heading" className="panel">
          <h2 id="data-heading">Data</h2>
          <DatasetPanel />
        </section>
        <section aria-labelledby="train-heading" className="panel">
          <h2 id="train-heading">Training</h2>
          <TrainPanel />
          <RunStatus />
        </section>
        <section aria-labelledby="charts-heading" className="panel panel-wide">
          <h2 id="charts-heading">Metrics</h2>
          <div className="charts">
            <LossChart />
            <F1Chart />
          </div>
        </section>
        <section aria-labelledby="runs-heading" className="panel panel-wide">
          <h2 id="runs-heading">Runs</h2>
          <RunsTable />
        </section>
        <section aria-labelledby="compare-heading" className="panel panel-wide">
          <h2 id="compare-heading">Compare runs</h2>
          <ComparePanel />
        </section>
        <section aria-labelledby="lab-heading" className="panel panel-wide">
          <h2 id="lab-heading">Loss lab</h2>
          <LossLab />
        </section>
        <section aria-labelledby="playground-heading" className="panel panel-wide">
          <h2 id="playground-heading">Playground</h2>
          <Playground />
        </section>
        <section aria-labelledby="dataset-view-heading" className="panel panel-wide">
          <h2 id="dataset-view-heading">Dataset view</h2>
          <DatasetView />
        </section>
        <section aria-labelledby="errors-heading" className="panel panel-wide">
          <h2 id="errors-heading">Error analysis</h2>
          <ErrorAnalysisView />
        </section>
        <section aria-labelledby="model-heading" className="panel panel-wide">
          <h2 id="model-heading">Model view</h2>
          <h3>CRF transitions</h3>
          <CrfView />
          <SimilarityView />
        </section>
      </main>
    </div>
  );
}
