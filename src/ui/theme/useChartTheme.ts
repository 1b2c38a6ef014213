/** @file Chart ink for the current scheme, and each run's colour (its swatch and its lines in every chart). */
import { useCallback } from 'react';
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runs';
import { colourSlotOf } from '../../store/runIdentity';
import { CHART_INK, runColour } from './palette';
import { useColourScheme } from './useColourScheme';

export function useChartTheme() {
  const scheme = useColourScheme();
  const ink = CHART_INK[scheme];
  return {
    scheme,
    ...ink,
    /** recharts props for axes: line and tick labels in the axis ink. */
    axisProps: { stroke: ink.axis, tick: { fill: ink.axis } },
    tooltipStyle: { backgroundColor: ink.tooltip, borderColor: ink.grid },
  };
}

/** A function from run to its colour in the current scheme. */
export function useRunColours(): (run: RunRecord) => string {
  const scheme = useColourScheme();
  const runs = useStudio((s) => s.runs);
  return useCallback((run: RunRecord) => runColour(colourSlotOf(run, runs.findIndex((r) => r.id === run.id)), scheme), [runs, scheme]);
}
