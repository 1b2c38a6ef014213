/** @file Analyze: where the selected run's model goes wrong on dev, and what it learned (CRF transitions, label similarity). */
import { Panel } from '../components/Panel';
import { CrfView } from '../panels/CrfView';
import { ErrorAnalysisView } from '../panels/ErrorAnalysisView';
import { SimilarityView } from '../panels/SimilarityView';
import { SelectedRunLine } from '../runs/SelectedRunLine';

export function AnalyzeTab() {
  return (
    <div className="tab-grid">
      <SelectedRunLine what="Analyzing" />
      <Panel title="Error analysis" wide>
        <ErrorAnalysisView />
      </Panel>
      <Panel title="Model view" wide>
        <h3>CRF transitions</h3>
        <CrfView />
        <SimilarityView />
      </Panel>
    </div>
  );
}
