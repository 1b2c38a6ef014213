/**
 * @file The studio as a workspace: a header, the runs sidebar (collapsed to a toggle on narrower windows), and the
 * views as tabs beside it; files dropped anywhere load as a dataset.
 */
import { useEffect } from 'react';
import { useStudio } from '../store';
import { DropOverlay } from './layout/DropOverlay';
import { OpenTabContext } from './layout/openTab';
import { StudioHeader } from './layout/StudioHeader';
import { StudioTabs } from './layout/StudioTabs';
import { DocumentTitle } from './layout/DocumentTitle';
import { useHashTab } from './layout/useHashTab';
import { useMediaQuery } from './layout/useMediaQuery';
import { RunsSidebar } from './runs/RunsSidebar';

/** From this width the sidebar is open unless the person closes it; below, it waits behind its toggle. */
export const WIDE_ENOUGH_FOR_SIDEBAR = '(min-width: 1360px)';

export function App() {
  useEffect(() => {
    void useStudio.getState().restoreRuns();
    void useStudio.getState().probeBackend();
  }, []);
  const [tab, openTab] = useHashTab();
  const wide = useMediaQuery(WIDE_ENOUGH_FOR_SIDEBAR);
  const choice = useStudio((s) => s.sidebarChoice);
  const setChoice = useStudio((s) => s.setSidebarChoice);
  const sidebarOpen = choice ?? wide;
  return (
    <OpenTabContext value={openTab}>
      <div className={sidebarOpen ? 'studio sidebar-open' : 'studio'}>
        <StudioHeader sidebarOpen={sidebarOpen} onToggleSidebar={() => setChoice(!sidebarOpen)} />
        <div className="studio-body">
          <RunsSidebar open={sidebarOpen} />
          <main className="workspace">
            <StudioTabs selected={tab} onSelect={openTab} />
          </main>
        </div>
        <DropOverlay />
        <DocumentTitle />
      </div>
    </OpenTabContext>
  );
}
