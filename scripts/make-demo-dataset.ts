/** @file Generates the synthetic demo NER dataset (datasets/demo) from templates and a seeded RNG, byte-for-byte reproducibly. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeRng, shuffled } from '../src/core/rng';
import * as L from './demo-lexicon';

export const DEMO_SEED = 20240611;
export const SPLIT_SIZES = { train: 1500, dev: 300, test: 300 } as const;
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
/** Share of name parts (first names, surnames, places, stems...) that never appear in train. */
export const HELD_OUT_FRACTION = 0.3;
/** Chance that a dev/test mention is drawn from the held-out pool rather than the train pool. */
export const HELD_PICK_RATE = 0.3;
/** Share of sentences built from a template without entities. */
export const PLAIN_RATE = 0.15;
/** Sentence length bounds, in tokens; longer or shorter realisations are dropped. */
export const MIN_TOKENS = 5;
export const MAX_TOKENS = 30;

export type EntityType = (typeof ENTITY_TYPES)[number];
export type SplitName = keyof typeof SPLIT_SIZES;
export interface DemoSentence { tokens: string[]; tags: string[] }
export interface DemoDataset { train: string; dev: string; test: string; readme: string }

type Rng = () => number;
type Pick = (list: readonly string[]) => string;
/** Surface forms (as token lists) usable in train, and those kept for dev/test only. */
interface Pool { seen: string[][]; held: string[][] }
interface Piece { tokens: string[]; type: EntityType | null }

const choice = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const words = (s: string): string[] => s.split(' ');

/** Builds a pool of composite names; held entries contain at least one held-out part. */
function buildPool(rng: Rng, isHeld: (s: string) => boolean, make: (pick: Pick) => string, nSeen: number, nHeld: number): Pool {
  const [seen, held] = [new Map<string, string[]>(), new Map<string, string[]>()];
  const seenOnly = new Map<readonly string[], string[]>();
  const pickSeen: Pick = (list) => {
    let ok = seenOnly.get(list);
    if (!ok) seenOnly.set(list, (ok = list.filter((x) => !isHeld(x))));
    return choice(rng, ok);
  };
  for (let tries = 0; seen.size < nSeen && tries < nSeen * 50; tries++) {
    const name = make(pickSeen);
    seen.set(name, words(name));
  }
  for (let tries = 0; held.size < nHeld && tries < nHeld * 50; tries++) {
    let usedHeld = false;
    const name = make((list) => {
      const x = choice(rng, list);
      if (isHeld(x)) usedHeld = true;
      return x;
    });
    if (usedHeld) held.set(name, words(name));
  }
  return { seen: [...seen.values()], held: [...held.values()] };
}

function listPool(list: readonly string[], isHeld: (s: string) => boolean): Pool {
  return { seen: list.filter((x) => !isHeld(x)).map(words), held: list.filter(isHeld).map(words) };
}

function makePools(rng: Rng) {
  const atoms = [...new Set([...L.FIRST_NAMES, ...L.LAST_NAMES, ...L.CITIES, ...L.COUNTRIES, ...L.RIVERS, ...L.REGIONS,
    ...L.NATIONALITIES, ...L.LANGUAGES, ...L.ORG_STEMS])];
  const heldSet = new Set(shuffled(atoms, rng).slice(0, Math.round(atoms.length * HELD_OUT_FRACTION)));
  const isHeld = (s: string) => heldSet.has(s);
  const people = buildPool(rng, isHeld, (p) => {
    const middle = rng() < 0.1 ? ` ${choice(rng, [...'ABCDEFGHJKLMNPRSTW'])}.` : '';
    return `${p(L.FIRST_NAMES)}${middle} ${p(L.LAST_NAMES)}`;
  }, 180, 80);
  const companies = buildPool(rng, isHeld, (p) => {
    const r = rng();
    if (r < 0.8) return `${p(L.ORG_STEMS)} ${p(L.COMPANY_SUFFIXES)}${rng() < 0.15 ? ` ${choice(rng, ['Ltd', 'Inc', 'Corp'])}` : ''}`;
    if (r < 0.9) return `Bank of ${p(L.COUNTRIES)}`;
    return `${p(L.NATIONALITIES)} ${choice(rng, ['Airlines', 'Railways', 'Telecom'])}`;
  }, 90, 40);
  const institutions = buildPool(rng, isHeld, (p) => {
    const r = rng();
    if (r < 0.5) return `${p(L.CITIES)} ${p(L.CITY_ORG_SUFFIXES)}`;
    if (r < 0.85) return `${p(L.INST_PREFIXES)} ${p(L.INST_DOMAINS)} ${p(L.INST_TYPES)}`;
    return `${p(L.NATIONALITIES)} ${choice(rng, ['Football Federation', 'Red Cross', 'Trade Union Congress', 'Medical Association'])}`;
  }, 70, 25);
  const clubs = buildPool(rng, isHeld, (p) =>
    rng() < 0.75 ? `${p(L.CITIES)} ${p(L.CLUB_SUFFIXES)}` : `${p(L.CLUB_PREFIXES)} ${p(L.CITIES)}`, 50, 22);
  const cups = buildPool(rng, isHeld, (p) => {
    const r = rng();
    if (r < 0.4) return `${p(L.CITIES)} ${p(L.CITY_CUP_SUFFIXES)}`;
    return r < 0.8 ? `${p(L.NATIONALITIES)} ${p(L.NAT_EVENT_SUFFIXES)}` : `World ${p(L.SPORTS)} Championships`;
  }, 45, 20);
  const fairs = buildPool(rng, isHeld, (p) => `${p(L.CITIES)} ${p(L.CITY_FAIR_SUFFIXES)}`, 25, 10);
  return {
    people, companies, institutions, clubs, cups, fairs,
    cities: listPool(L.CITIES, isHeld), countries: listPool(L.COUNTRIES, isHeld), rivers: listPool(L.RIVERS, isHeld),
    regions: listPool(L.REGIONS, isHeld), nats: listPool(L.NATIONALITIES, isHeld), langs: listPool(L.LANGUAGES, isHeld),
  };
}
type Pools = ReturnType<typeof makePools>;

/** Fills a template slot; returns one or more pieces (a leading "the" of a place stays outside the entity). */
function fillSlot(slot: string, rng: Rng, pools: Pools, split: SplitName, used: Set<string>): Piece[] {
  const drawOnce = (pool: Pool): string[] =>
    split !== 'train' && pool.held.length > 0 && rng() < HELD_PICK_RATE ? choice(rng, pool.held) : choice(rng, pool.seen);
  // Avoid "in Welsh and Welsh": redraw a name already used in this sentence (a few tries).
  const draw = (pool: Pool): string[] => {
    let name = drawOnce(pool);
    for (let i = 0; i < 4 && used.has(name.join(' ')); i++) name = drawOnce(pool);
    used.add(name.join(' '));
    return name;
  };
  const org = (): string[] => draw(rng() < 0.55 ? pools.companies : pools.institutions);
  const ent = (tokens: string[], type: EntityType): Piece[] =>
    tokens[0] === 'the' ? [{ tokens: ['the'], type: null }, { tokens: tokens.slice(1), type }] : [{ tokens, type }];
  const o = (s: string): Piece[] => [{ tokens: words(s), type: null }];
  switch (slot) {
    case 'PER': return ent(draw(pools.people), 'PER');
    case 'PERL': return ent(draw(pools.people).slice(1).filter((t) => !/^[A-Z]\.$/.test(t)), 'PER');
    case 'ORG': return ent(org(), 'ORG');
    case 'COMPANY': return ent(draw(pools.companies), 'ORG');
    case 'INST': return ent(draw(pools.institutions), 'ORG');
    case 'CLUB': return ent(draw(pools.clubs), 'ORG');
    case 'CUP': return ent(draw(pools.cups), 'MISC');
    case 'EVENT': return ent(draw(rng() < 0.6 ? pools.cups : pools.fairs), 'MISC');
    case 'CITY': return ent(draw(pools.cities), 'LOC');
    case 'COUNTRY': return ent(draw(pools.countries), 'LOC');
    case 'PLACE': return ent(draw(rng() < 0.6 ? pools.cities : pools.countries), 'LOC');
    case 'RIVER': return ent(draw(pools.rivers), 'LOC');
    case 'REGION': return ent(draw(pools.regions), 'LOC');
    case 'NAT': return ent(draw(pools.nats), 'MISC');
    case 'LANG': return ent(draw(pools.langs), 'MISC');
    case 'AGENT': return rng() < 0.5 ? ent(draw(pools.people), 'PER') : ent(org(), 'ORG');
    case 'NUM': return o(String(int(rng, 2, 60)));
    case 'GOALS': return o(String(int(rng, 0, 5)));
    case 'RANK': return o(String(int(rng, 1, 20)));
    case 'BIG': return o(rng() < 0.4 ? String(int(rng, 100, 999)) : `${int(rng, 1, 95)},${String(int(rng, 0, 9) * 100).padStart(3, '0')}`);
    case 'DEC': return o(`${int(rng, 0, 19)}.${int(rng, 0, 9)}`);
    case 'YEAR': return o(String(int(rng, 1960, 2023)));
    case 'SCORE': {
      const won = int(rng, 1, 6); // winner's score first
      return o(`${won}-${int(rng, 0, won - 1)}`);
    }
    case 'TIME': // a middle-distance time or a sprint time
      return o(rng() < 0.5 ? `${int(rng, 1, 3)}:${String(int(rng, 0, 59)).padStart(2, '0')}.${int(rng, 10, 99)}` : `${int(rng, 9, 11)}.${int(rng, 10, 99)}`);
    case 'DATE': return o(`${int(rng, 1990, 2023)}-${String(int(rng, 1, 12)).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}`);
    case 'DAY': return o(choice(rng, L.DAYS));
    case 'MONTH': return o(choice(rng, L.MONTHS));
    case 'ORD': return o(choice(rng, L.ORDINALS));
    case 'TITLE': return o(choice(rng, L.TITLES));
    case 'ROLE': return o(choice(rng, L.ROLES));
    case 'POS': return o(choice(rng, L.POSITIONS));
    default: throw new Error(`unknown template slot {${slot}}`);
  }
}

/** Expands one template into a tagged sentence (IOB2). */
function realise(template: string, rng: Rng, pools: Pools, split: SplitName): DemoSentence {
  const tokens: string[] = [];
  const tags: string[] = [];
  const used = new Set<string>();
  for (const part of words(template)) {
    const m = /^\{([A-Z]+)(!?)\}$/.exec(part);
    const pieces: Piece[] = m ? fillSlot(m[1], rng, pools, split, used) : [{ tokens: [part], type: null }];
    for (const piece of pieces) {
      piece.tokens.forEach((t, i) => {
        tokens.push(m?.[2] ? t.toUpperCase() : t);
        tags.push(piece.type ? `${i === 0 ? 'B' : 'I'}-${piece.type}` : 'O');
      });
    }
  }
  if (tokens[0] === 'the') tokens[0] = 'The'; // "the United States" opening a sentence
  tokens.forEach((t, i) => {
    if ((t === 'a' || t === 'A') && /^[AEIOaeio]/.test(tokens[i + 1] ?? '')) tokens[i] = `${t}n`; // "an Austrian"
  });
  return { tokens, tags };
}

/** All three splits as tagged sentences, in file order. */
export function generateDemoSentences(seed: number): Record<SplitName, DemoSentence[]> {
  const rng = makeRng(seed);
  const pools = makePools(rng);
  const out = {} as Record<SplitName, DemoSentence[]>;
  for (const split of Object.keys(SPLIT_SIZES) as SplitName[]) {
    out[split] = [];
    while (out[split].length < SPLIT_SIZES[split]) {
      const template = rng() < PLAIN_RATE ? choice(rng, L.PLAIN_TEMPLATES) : choice(rng, L.ENTITY_TEMPLATES);
      const s = realise(template, rng, pools, split);
      if (s.tokens.length >= MIN_TOKENS && s.tokens.length <= MAX_TOKENS) out[split].push(s);
    }
  }
  return out;
}

/** CoNLL text: "-DOCSTART- O", a blank line, then "TOKEN TAG" lines with a blank line after each sentence. */
export function toConll(sentences: DemoSentence[]): string {
  let text = '-DOCSTART- O\n\n';
  for (const s of sentences) text += s.tokens.map((t, i) => `${t} ${s.tags[i]}`).join('\n') + '\n\n';
  return text;
}

/** Entity mentions of a sentence, read back from its IOB2 tags. */
export function entitiesOf(s: DemoSentence): { type: string; text: string }[] {
  const found: { type: string; text: string }[] = [];
  s.tags.forEach((tag, i) => {
    if (tag.startsWith('B-')) found.push({ type: tag.slice(2), text: s.tokens[i] });
    else if (tag.startsWith('I-')) found[found.length - 1].text += ` ${s.tokens[i]}`;
  });
  return found;
}

/** Counts for one split; `unseen` is the share of entity mentions whose surface form is no entity anywhere in train. */
export interface SplitStats { sentences: number; tokens: number; plain: number; entities: Record<EntityType, number>; unseen: number }

export function splitStats(sentences: DemoSentence[], trainSurfaces: Set<string>): SplitStats {
  const entities = { PER: 0, ORG: 0, LOC: 0, MISC: 0 };
  let tokens = 0, plain = 0, total = 0, unseen = 0;
  for (const s of sentences) {
    tokens += s.tokens.length;
    const ents = entitiesOf(s);
    if (ents.length === 0) plain++;
    for (const e of ents) {
      entities[e.type as EntityType]++;
      total++;
      if (!trainSurfaces.has(e.text)) unseen++;
    }
  }
  return { sentences: sentences.length, tokens, plain, entities, unseen: total ? unseen / total : 0 };
}

function readme(stats: Record<SplitName, SplitStats>, seed: number): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const rows = (Object.keys(stats) as SplitName[]).map((k) => {
    const [s, e] = [stats[k], stats[k].entities];
    return `| ${k} | ${s.sentences} | ${s.tokens} | ${e.PER} | ${e.ORG} | ${e.LOC} | ${e.MISC} | ${s.plain} | ${k === 'train' ? '-' : pct(s.unseen)} |`;
  });
  return `# Demo NER dataset (synthetic)

A small English named-entity dataset written for this project, so the studio and the \`ner\` command line have
something to train on out of the box. **It is synthetic**: every sentence was produced by
\`scripts/make-demo-dataset.ts\` from hand-written sentence templates and word lists (\`scripts/demo-lexicon.ts\`)
with a seeded random number generator (mulberry32, \`src/core/rng.ts\`). No text was copied from any corpus. People,
companies, clubs, institutions and events are invented or built from common generic names; place names, nationalities
and languages are ordinary real ones. Any resemblance to real people or organisations is coincidental.

Licence: MIT, the same as the project.

## Format

CoNLL column format: one \`TOKEN TAG\` pair per line separated by a single space, a blank line after every sentence,
and \`-DOCSTART- O\` plus a blank line at the top of each file. Tags are IOB2 over four types: \`PER\`, \`ORG\`, \`LOC\`, \`MISC\`.
Punctuation is split into its own tokens.

## How it was generated

\`\`\`sh
npx tsx scripts/make-demo-dataset.ts   # seed ${seed}; rewrites train.txt, dev.txt, test.txt and this README
\`\`\`

The output is byte-for-byte reproducible; \`scripts/make-demo-dataset.test.ts\` regenerates it in memory and checks it
equals these files.

- ${L.ENTITY_TEMPLATES.length} news, business and sports templates with entity slots, plus ${L.PLAIN_TEMPLATES.length} templates without
  entities (about ${pct(PLAIN_RATE)} of sentences); 5 to 30 tokens per sentence, some headlines and datelines upper-cased.
- Titles (\`Mr.\`, \`Dr.\`, \`President\`...) stay outside person entities; a leading "the" stays outside places.
- Deliberate ambiguity: city names also occur inside organisations ("Berlin" / "Berlin Electric", clubs such as
  "<city> Rovers", "Real <city>"), some first names and surnames are also places ("Jordan", "Florence", "Washington"),
  nationalities occur both alone (MISC) and inside organisations and events.
- ${pct(HELD_OUT_FRACTION)} of the name parts (first names, surnames, places, company stems, nationalities, languages) never
  occur in train; each dev/test mention is drawn, with probability ${pct(HELD_PICK_RATE)}, from names built with them, so
  recognising those needs character features and context rather than memorisation. The last column below counts dev/test
  mentions whose exact surface form never occurs as an entity in train.

## Counts

| split | sentences | tokens | PER | ORG | LOC | MISC | sentences without entities | entity mentions unseen in train |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

/** Counts per split, with unseen-in-train shares measured against the train split's entity surface forms. */
export function demoStats(data: Record<SplitName, DemoSentence[]>): Record<SplitName, SplitStats> {
  const trainSurfaces = new Set(data.train.flatMap((s) => entitiesOf(s).map((e) => e.text)));
  return { train: splitStats(data.train, trainSurfaces), dev: splitStats(data.dev, trainSurfaces), test: splitStats(data.test, trainSurfaces) };
}

export function generateDemoDataset(seed: number): DemoDataset {
  const data = generateDemoSentences(seed);
  const stats = demoStats(data);
  return { train: toConll(data.train), dev: toConll(data.dev), test: toConll(data.test), readme: readme(stats, seed) };
}

/** The committed dataset's folder. */
export const DEMO_DIR = fileURLToPath(new URL('../datasets/demo/', import.meta.url));

if (process.argv[1]?.endsWith('make-demo-dataset.ts')) {
  const ds = generateDemoDataset(DEMO_SEED);
  mkdirSync(DEMO_DIR, { recursive: true });
  for (const name of ['train', 'dev', 'test'] as const) writeFileSync(`${DEMO_DIR}${name}.txt`, ds[name]);
  writeFileSync(`${DEMO_DIR}README.md`, ds.readme);
  console.log(`wrote ${DEMO_DIR}{train,dev,test}.txt and README.md`);
}
