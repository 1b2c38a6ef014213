/**
 * @file The studio's views as tabs: their ids (which are the address's #fragment, so a reload or a shared link
 * opens the same view) and the WAI-ARIA tabs keys (arrows wrap, Home and End jump).
 */
export const TAB_IDS = ['data', 'train', 'compare', 'analyze', 'playground'] as const;
export type TabId = (typeof TAB_IDS)[number];

export const DEFAULT_TAB: TabId = 'data';

const isTabId = (s: string): s is TabId => (TAB_IDS as readonly string[]).includes(s);

/** '#compare' -> 'compare'; anything else -> the default. */
export function tabFromHash(hash: string): TabId {
  const id = decodeURIComponent(hash.replace(/^#/, '')).toLowerCase();
  return isTabId(id) ? id : DEFAULT_TAB;
}

/** The index a key moves to from `index` among `count` tabs; null for keys the tab list leaves alone. */
export function tabIndexAfterKey(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
