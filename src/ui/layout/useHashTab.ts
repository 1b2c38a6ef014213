/** @file The open tab, kept in the address's #fragment: a reload or a shared link opens it, typing one switches to it. */
import { useCallback, useEffect, useState } from 'react';
import { tabFromHash, type TabId } from './tabNavigation';

export function useHashTab(): [TabId, (tab: TabId) => void] {
  const [tab, setTab] = useState<TabId>(() => tabFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setTab(tabFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const open = useCallback((next: TabId) => {
    setTab(next);
    // Replace, not push: switching views should not fill the back button's history.
    if (window.location.hash !== `#${next}`) window.history.replaceState(window.history.state, '', `#${next}`);
  }, []);
  return [tab, open];
}
