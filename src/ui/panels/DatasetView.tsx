/** @file The loaded dataset up close: statistics and charts, the tag scheme check, and a sentence browser. */
import { useMemo } from 'react';
import { datasetStats } from '../../core/dataset/stats';
import type { SplitName } from '../../core/types';
import { useStudio } from '../../store';
import { DatasetCharts } from './DatasetCharts';
import { DatasetStatsTable } from './DatasetStatsTable';
import { SchemeCheck } from './SchemeCheck';
import { SentenceBrowser } from './SentenceBrowser';
import { entityTypeRows, toSentences } from './datasetCharts';
import { schemeReport } from './schemeFindings';
import type { SplitTokens } from './sentenceSearch';

export function DatasetView() {
  const text = useStudio((s) => s.dataset?.text);
  if (!text) return <p className="muted">Load a dataset to see its statistics, its tag scheme check and its sentences.</p>;
  return <DatasetDetails text={text} />;
}

function DatasetDetails({ text }: { text: Record<SplitName, SplitTokens> }) {
  // Stats and the scheme check walk every sentence: once per loaded dataset.
  const stats = useMemo(() => datasetStats({ train: toSentences(text.train), dev: toSentences(text.dev), test: toSentences(text.test) }), [text]);
  const scheme = useMemo(() => schemeReport(text), [text]);
  const types = useMemo(() => entityTypeRows(stats).map((r) => r.type), [stats]);
  return (
    <div className="dataset-view">
      <h3>Statistics</h3>
      <DatasetStatsTable stats={stats} />
      <DatasetCharts stats={stats} />
      <h3>Tag scheme check</h3>
      <SchemeCheck report={scheme} />
      <h3>Sentences</h3>
      <SentenceBrowser text={text} types={types} />
    </div>
  );
}
