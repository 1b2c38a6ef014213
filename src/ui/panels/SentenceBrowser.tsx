/** @file Search a split's sentences by text and entity type, a page at a time, entities highlighted by type. */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { getSpans } from '../../core/tags/tags';
import type { SplitName } from '../../core/types';
import { EntitySentence } from '../components/EntitySentence';
import { Pager } from '../components/Pager';
import { SPLITS } from './datasetCharts';
import { matchSentences, pageOf, type SplitTokens } from './sentenceSearch';

const PAGE_SIZE = 10;

export function SentenceBrowser({ text, types }: { text: Record<SplitName, SplitTokens>; types: readonly string[] }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [split, setSplit] = useState<SplitName>('train');
  const [type, setType] = useState('');
  const [page, setPage] = useState(0);
  const deferredQuery = useDeferredValue(query);
  const matches = useMemo(() => matchSentences(text[split], deferredQuery, type), [text, split, deferredQuery, type]);
  const shown = pageOf(matches, page, PAGE_SIZE);
  const total = text[split].tokens.length;
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(0);
  };
  return (
    <div className="sentence-browser">
      <div className="browser-controls">
        <div className="field">
          <label htmlFor={`${id}-q`}>Search sentences</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => change(setQuery)(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-split`}>Split</label>
          <select id={`${id}-split`} value={split} onChange={(e) => change(setSplit)(e.target.value as SplitName)}>
            {SPLITS.map((s) => (
              <option key={s} value={s}>
                {s} ({text[s].tokens.length})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>Entity type</label>
          <select id={`${id}-type`} value={type} onChange={(e) => change(setType)(e.target.value)}>
            <option value="">Any</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p aria-live="polite" className="muted">
        {matches.length === total ? `${total} sentences in ${split}` : `${matches.length} of ${total} ${split} sentences match`}
      </p>
      {shown.items.length > 0 && (
        <ol aria-label="Matching sentences" className="sentence-list">
          {shown.items.map((i) => (
            <li key={i}>
              <span className="sentence-id">
                {split} #{i + 1}
              </span>{' '}
              <EntitySentence tokens={text[split].tokens[i]} spans={getSpans([...text[split].tags[i]])} />
            </li>
          ))}
        </ol>
      )}
      <Pager label="Sentence pages" page={shown.page} pages={shown.pages} onPage={setPage} />
    </div>
  );
}
