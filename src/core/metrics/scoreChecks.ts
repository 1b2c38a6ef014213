/**
 * @file What makes a score table meaningless, found before one is printed: a "gold" column that shares no entity type
 * with the predictions (a 4-column CoNLL data file scores chunk tags against NER tags), or, in strict mode, tags of
 * a scheme other than the one scored, which strict mode silently reads as O (F1 0, and no word why).
 */
import { getSpans, getStrictSpans, SchemeVote, splitTag, type StrictScheme, type TagScheme } from '../tags/tags';

export interface ScoreProblem {
  /** Where: sentence and token index (the caller turns them into a line). */
  sentence: number;
  token: number;
  /** Reads on from "FILE line N: ". */
  message: string;
}

const typesOf = (sentences: readonly (readonly string[])[]) => {
  const types = new Set<string>();
  for (const tags of sentences) for (const span of getSpans([...tags])) types.add(span.type);
  return types;
};

/** Gold and predictions both with entities, but no type in common: the columns are not what score thinks. */
export function disjointTypes(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): ScoreProblem | null {
  const g = typesOf(gold);
  const p = typesOf(pred);
  if (g.size === 0 || p.size === 0 || [...g].some((t) => p.has(t))) return null;
  const sentence = gold.findIndex((tags) => tags.some((t) => t !== 'O'));
  const token = gold[sentence].findIndex((t) => t !== 'O');
  const list = (s: Set<string>) => [...s].sort().join(', ');
  return {
    sentence,
    token,
    message:
      `the gold column (second to last) has entity types ${list(g)} and the predicted column (last) ${list(p)}: none in common, ` +
      `so every entity would count as wrong. Is this a data file (token, POS, chunk, tag) rather than token, gold and predicted tag?`,
  };
}

const STRICT_PREFIXES: Record<StrictScheme, string> = { IOB2: 'BIO', IOBES: 'BIOES', BILOU: 'BIOLU' };

/** The scheme strict mode scores in: the one given, else the gold column's (IOB1 is read as IOB2, as metrics.ts does). */
export function strictSchemeOf(gold: readonly (readonly string[])[], scheme?: StrictScheme): StrictScheme {
  if (scheme) return scheme;
  const vote = new SchemeVote();
  for (const tags of gold) vote.add(tags);
  const detected: TagScheme = vote.scheme;
  return detected === 'IOB1' ? 'IOB2' : detected;
}

/** Where a column's tags first read differently in strict mode: a prefix the scheme lacks, or an entity it does not form. */
function firstStrictLoss(sentences: readonly (readonly string[])[], scheme: StrictScheme): { sentence: number; token: number } | null {
  const allowed = STRICT_PREFIXES[scheme];
  for (let s = 0; s < sentences.length; s++) {
    const tags = [...sentences[s]];
    const token = tags.findIndex((t) => !allowed.includes(splitTag(t).prefix));
    if (token >= 0) return { sentence: s, token };
    const strict = new Set(getStrictSpans(tags, scheme).map((x) => `${x.start} ${x.end}`));
    const lost = getSpans(tags).find((x) => !strict.has(`${x.start} ${x.end}`));
    if (lost) return { sentence: s, token: lost.start };
  }
  return null;
}

/**
 * A column (predicted or gold) tagged in a scheme other than the one strict mode scores in: strict mode would read
 * its entities as O. Slips within the right scheme are not reported (strict mode is meant to count those wrong).
 */
export function strictMismatch(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[], scheme: StrictScheme): ScoreProblem | null {
  for (const [column, sentences] of [['predicted', pred], ['gold', gold]] as const) {
    const own = strictSchemeOf(sentences);
    if (own === scheme) continue;
    const at = firstStrictLoss(sentences, scheme);
    if (!at) continue;
    const tag = sentences[at.sentence][at.token];
    return {
      ...at,
      message:
        `the ${column} tags are ${own} but strict mode scores ${scheme}, so it would read ${tag} here and every entity like it as O. ` +
        `Convert the ${column} tags (ner convert --to ${scheme.toLowerCase()}), give --scheme, or score in default mode`,
    };
  }
  return null;
}
