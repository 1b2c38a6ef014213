/**
 * @file The workspace's views as WAI-ARIA tabs: a tablist whose arrow keys move and select (Home and End too), one
 * tabpanel per tab. A hidden tab's content stays mounted inside a hidden <Activity>: it keeps its state (a typed
 * sentence, the compare settings) but unsubscribes from the store, so charts on other tabs cost nothing while a run
 * trains.
 */
import { Activity, useRef, type KeyboardEvent } from 'react';
import { STUDIO_TABS } from '../tabs/studioTabs';
import { tabIndexAfterKey, type TabId } from './tabNavigation';

export function StudioTabs({ selected, onSelect }: { selected: TabId; onSelect: (tab: TabId) => void }) {
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const next = tabIndexAfterKey(e.key, index, STUDIO_TABS.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(STUDIO_TABS[next].id);
    tabRefs.current[next]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Studio views" className="tablist">
        {STUDIO_TABS.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-controls={`panel-${tab.id}`}
            aria-selected={tab.id === selected}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="tab-panels">
        {STUDIO_TABS.map(({ id, Panel }) => (
          <div key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} tabIndex={0} hidden={id !== selected} className="tabpanel">
            <Activity mode={id === selected ? 'visible' : 'hidden'}>
              <Panel />
            </Activity>
          </div>
        ))}
      </div>
    </>
  );
}
