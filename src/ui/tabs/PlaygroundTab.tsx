/** @file Playground: type a sentence and see what the selected run's model tags in it. */
import { Panel } from '../components/Panel';
import { Playground } from '../panels/Playground';
import { SelectedRunLine } from '../runs/SelectedRunLine';

export function PlaygroundTab() {
  return (
    <div className="tab-grid">
      <SelectedRunLine what="Tagging with" />
      <Panel title="Playground" wide>
        <Playground />
      </Panel>
    </div>
  );
}
