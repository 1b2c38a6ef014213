/**
 * @file What tells runs apart: the number in a new run's name, the colour slot its lines keep in every chart, and
 * the rules a name must follow once the person renames it (it becomes file names, CSV cells and chart legends).
 */

interface Identified {
  id: string;
  name: string;
  /** Index into the UI's run palette; absent in runs kept before colours were stored. */
  colour?: number;
}

/** One more than the highest run number so far, read from the ids (`run-3-…`), which a rename leaves alone. */
export function nextRunNumber(runs: readonly Identified[]): number {
  const numbers = runs.map((r) => Number(/^run-(\d+)-/.exec(r.id)?.[1] ?? /^run-(\d+)$/.exec(r.name)?.[1] ?? 0));
  return Math.max(0, ...numbers) + 1;
}

/** The lowest colour slot no run holds, so a new run never shares a colour while a free one exists. */
export function nextColourSlot(runs: readonly Identified[]): number {
  const taken = new Set(runs.map((r, i) => colourSlotOf(r, i)));
  let slot = 0;
  while (taken.has(slot)) slot++;
  return slot;
}

/** A run's colour slot; a run kept from before slots existed takes its position in the list. */
export const colourSlotOf = (run: Identified, index: number): number => run.colour ?? index;

export const MAX_RUN_NAME = 60;

/**
 * Why `name` cannot name run `id`, or null when it can. Names end up as download file names, so characters that no
 * file system takes are refused, as are a name another run has (legends and CSV rows would mix) and an empty one.
 */
export function runNameProblem(name: string, id: string, runs: readonly Identified[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'A run needs a name.';
  if (trimmed.length > MAX_RUN_NAME) return `Keep the name to ${MAX_RUN_NAME} characters (this one has ${trimmed.length}).`;
  const bad = /[/\\:*?"<>|\u0000-\u001f\u007f]/.exec(trimmed);
  if (bad) return `A run name cannot hold ${bad[0] < ' ' || bad[0] === '\u007f' ? 'control characters' : `“${bad[0]}”`}: it becomes the name of downloaded files.`;
  if (/^\.+$/.test(trimmed)) return 'A run name cannot be only dots.';
  const other = runs.find((r) => r.id !== id && r.name.toLowerCase() === trimmed.toLowerCase());
  if (other) return `Another run is called ${other.name}.`;
  return null;
}
