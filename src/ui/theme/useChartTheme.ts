/** @file Chart ink for the current scheme, and each run's colour (its swatch and its lines in every chart). */
import { useMemo } from 'react';
import { useStudio } from '../../store';
import type { RunRecord } from '../../store/runs';
import { colourSlotOf } from '../../store/runIdentity';
import { CHART_INK, runColour } from './palette';
import { useColourScheme } from './useColourScheme';

export function useChartTheme() {
  const scheme = useColourScheme();
  return useMemo(() => {
    const ink = CHART_INK[scheme];
    return {
      scheme,
      ...ink,
      /** recharts props for axes: line and tick labels in the axis ink. */
      axisProps: { stroke: ink.axis, tick: { fill: ink.axis } },
      tooltipStyle: { backgroundColor: ink.tooltip, borderColor: ink.grid },
    };
  }, [scheme]);
}

/**
 * A function from run to its colour in the current scheme. It subscribes to the runs' ids and slots only (a string,
 * so a step of a training run, which replaces the runs array, re-renders nothing here).
 */
export function useRunColours(): (run: Pick<RunRecord, 'id'>) => string {
  const scheme = useColourScheme();
  const slots = useStudio((s) => s.runs.map((r, i) => `${r.id}=${colourSlotOf(r, i)}`).join(' '));
  return useMemo(() => {
    const byId = new Map(slots.split(' ').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
    return (run) => runColour(Number(byId.get(run.id) ?? 0), scheme);
  }, [slots, scheme]);
}
