/** @file Whether a CSS media query matches, followed as the window changes. */
import { useSyncExternalStore } from 'react';

// One MediaQueryList per query for the page's life: React reads the snapshot on every render of every user, and
// asking matchMedia afresh each time showed up in profiles of a training run.
const lists = new Map<string, { list: MediaQueryList; subscribe: (onChange: () => void) => () => void; matches: () => boolean }>();

function watcherOf(query: string) {
  let watcher = lists.get(query);
  if (!watcher) {
    const list = window.matchMedia(query);
    watcher = {
      list,
      subscribe: (onChange) => {
        list.addEventListener('change', onChange);
        return () => list.removeEventListener('change', onChange);
      },
      matches: () => list.matches,
    };
    lists.set(query, watcher);
  }
  return watcher;
}

export function useMediaQuery(query: string): boolean {
  const { subscribe, matches } = watcherOf(query);
  return useSyncExternalStore(subscribe, matches, () => false);
}
