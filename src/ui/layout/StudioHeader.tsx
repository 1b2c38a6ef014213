/** @file The header: the runs sidebar's toggle, the studio's name, the dataset, the backend, and the latest notice. */
import { useStudio } from '../../store';
import { SIDEBAR_ID } from '../runs/RunsSidebar';
import { BackendBadge } from './BackendBadge';
import { DatasetBadge } from './DatasetBadge';
import { NoticeArea } from './NoticeArea';

export function StudioHeader({ sidebarOpen, onToggleSidebar }: { sidebarOpen: boolean; onToggleSidebar: () => void }) {
  const count = useStudio((s) => s.runs.length);
  return (
    <header className="studio-header">
      <button type="button" className="sidebar-toggle" aria-expanded={sidebarOpen} aria-controls={SIDEBAR_ID} onClick={onToggleSidebar}>
        <span aria-hidden="true" className="toggle-icon">
          ☰
        </span>{' '}
        Runs ({count})
      </button>
      <h1>NER Training Studio</h1>
      <DatasetBadge />
      <BackendBadge />
      <NoticeArea />
    </header>
  );
}
