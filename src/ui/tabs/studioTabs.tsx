/** @file The studio's tabs in order, each a label and the view it opens; adding a view is one entry here and its id. */
import type { ComponentType } from 'react';
import type { TabId } from '../layout/tabNavigation';
import { AnalyzeTab } from './AnalyzeTab';
import { CompareTab } from './CompareTab';
import { DataTab } from './DataTab';
import { PlaygroundTab } from './PlaygroundTab';
import { TrainTab } from './TrainTab';

export const STUDIO_TABS: readonly { id: TabId; label: string; Panel: ComponentType }[] = [
  { id: 'data', label: 'Data', Panel: DataTab },
  { id: 'train', label: 'Train', Panel: TrainTab },
  { id: 'compare', label: 'Compare', Panel: CompareTab },
  { id: 'analyze', label: 'Analyze', Panel: AnalyzeTab },
  { id: 'playground', label: 'Playground', Panel: PlaygroundTab },
];
