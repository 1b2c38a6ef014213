/** @file The whole-window drop target: an overlay while files are dragged over the page; dropped files load as a dataset. */
import { useStudio } from '../../store';
import { useWindowFileDrop } from './useWindowFileDrop';

export function DropOverlay() {
  const addFiles = useStudio((s) => s.addFiles);
  const dragging = useWindowFileDrop((files) => void addFiles(files));
  // pointer-events: none (styles.css), so the drop lands on whatever is under it and inner zones still get theirs.
  return (
    <div className="drop-overlay" hidden={!dragging}>
      <p>Drop CoNLL files to load them as a dataset</p>
    </div>
  );
}
