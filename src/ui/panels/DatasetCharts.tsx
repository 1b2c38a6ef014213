/** @file The dataset view's bar charts: entities per type, sentence lengths and entity lengths, each split its own colour. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DatasetStats, Distribution } from '../../core/dataset/stats';
import type { SplitName } from '../../core/types';
import { ChartFrame } from '../charts/ChartFrame';
import { entityTypeRows, lengthBins, SPLITS } from './datasetCharts';
import { RUN_PALETTE } from '../theme/palette';
import { useChartTheme } from '../theme/useChartTheme';

function SplitBars({ data, x, xLabel }: { data: object[]; x: string; xLabel: string }) {
  const theme = useChartTheme();
  // The run palette's first three colours: AA on the panel in either scheme (palette.test.ts).
  const colour = (split: SplitName) => RUN_PALETTE[theme.scheme][SPLITS.indexOf(split)];
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
        <XAxis dataKey={x} label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: theme.axis }} {...theme.axisProps} />
        <YAxis width={48} allowDecimals={false} {...theme.axisProps} />
        <Tooltip contentStyle={theme.tooltipStyle} cursor={{ fill: theme.grid }} />
        <Legend verticalAlign="top" itemSorter={(item) => SPLITS.indexOf(item.value as SplitName)} />
        {SPLITS.map((s) => (
          <Bar key={s} dataKey={s} name={s} fill={colour(s)} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

const describe = (d: Distribution) => (d.count === 0 ? 'none' : `mean ${d.mean.toFixed(1)}, median ${d.median}, ${d.min} to ${d.max}`);
const lengthSummary = (what: string, pick: (s: DatasetStats['splits'][SplitName]) => Distribution, stats: DatasetStats) =>
  `${what} in tokens. ` + SPLITS.map((s) => `${s}: ${describe(pick(stats.splits[s]))}`).join('; ') + '.';

export function DatasetCharts({ stats }: { stats: DatasetStats }) {
  const types = entityTypeRows(stats);
  const sentenceBins = lengthBins({ train: stats.splits.train.sentenceLength, dev: stats.splits.dev.sentenceLength, test: stats.splits.test.sentenceLength });
  const entityBins = lengthBins({ train: stats.splits.train.entityLength, dev: stats.splits.dev.entityLength, test: stats.splits.test.entityLength });
  const typeSummary =
    types.length === 0
      ? 'No entities in any split.'
      : SPLITS.map((s) => `${s}: ${types.map((t) => `${t.type} ${t[s]}`).join(', ')}`).join('; ') + '.';
  return (
    <div className="charts">
      <ChartFrame name="Entities per type chart" summary={typeSummary} points={types.length}>
        <SplitBars data={types} x="type" xLabel="Entity type" />
      </ChartFrame>
      <ChartFrame name="Sentence length chart" summary={lengthSummary('Sentence length', (s) => s.sentenceLength, stats)} points={sentenceBins.length}>
        <SplitBars data={sentenceBins} x="label" xLabel="Tokens per sentence" />
      </ChartFrame>
      <ChartFrame name="Entity length chart" summary={lengthSummary('Entity length', (s) => s.entityLength, stats)} points={entityBins.length}>
        <SplitBars data={entityBins} x="label" xLabel="Tokens per entity" />
      </ChartFrame>
    </div>
  );
}
