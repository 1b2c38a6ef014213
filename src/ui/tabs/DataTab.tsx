/** @file Data: the drop zone and what was loaded, then the dataset up close (statistics, tag scheme, sentences). */
import { Panel } from '../components/Panel';
import { DatasetPanel } from '../panels/DatasetPanel';
import { DatasetView } from '../panels/DatasetView';

export function DataTab() {
  return (
    <div className="tab-grid">
      <p className="tagline panel-wide">Train a named entity tagger on your own GPU, in this tab. Your data never leaves the machine.</p>
      <Panel title="Data" wide>
        <DatasetPanel />
      </Panel>
      <Panel title="Dataset view" wide>
        <DatasetView />
      </Panel>
    </div>
  );
}
