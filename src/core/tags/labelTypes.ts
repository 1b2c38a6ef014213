/** @file Entity types a set of labels covers, and the entities of some data whose type a model has no label for. */
import { getSpans, splitTag } from './tags';

/** The entity types of a label list (B-PER, I-PER, O -> PER). */
export function entityTypesOf(labels: readonly string[]): Set<string> {
  return new Set(labels.filter((l) => l !== 'O').map((l) => splitTag(l).type));
}

/**
 * Entities (the conlleval reading) whose type none of `labels` has, counted per type, most frequent first: a model
 * with those labels can never predict them, so scored against it they all count as missed.
 */
export function unknownEntityTypes(tags: readonly (readonly string[])[], labels: readonly string[]): { type: string; count: number }[] {
  const known = entityTypesOf(labels);
  const counts = new Map<string, number>();
  for (const sentence of tags) {
    for (const { type } of getSpans([...sentence])) if (!known.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
}
