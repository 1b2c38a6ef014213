/**
 * @file The tab's title follows the studio: a training run's progress ("42% run-3"), else the latest notice
 * ("run-3 finished, best dev F1 0.812"), so a person in another tab sees a run end.
 */
import { useEffect } from 'react';
import { useStudio } from '../../store';
import { isActive, progressOf } from '../../store/runRecord';

export const STUDIO_TITLE = 'NER Training Studio';

/** Renders nothing; sets the title. A component of its own so a change of title re-renders only itself. */
export function DocumentTitle(): null {
  useDocumentTitle();
  return null;
}

export function useDocumentTitle(): void {
  const title = useStudio((s) => {
    const active = s.runs.find(isActive);
    if (active) {
      const done = progressOf(active);
      return `${done === null ? '' : `${Math.round(done * 100)}% `}${active.name} training · ${STUDIO_TITLE}`;
    }
    const notice = s.notices.at(-1);
    if (notice) return `${notice.tone === 'error' ? '✗' : '✓'} ${notice.text} · ${STUDIO_TITLE}`;
    return STUDIO_TITLE;
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
