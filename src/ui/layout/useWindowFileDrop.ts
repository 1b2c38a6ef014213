/**
 * @file Files dropped anywhere on the window: says while files are dragged over it (for the overlay) and hands
 * the dropped ones over. A drop an inner zone already handled (preventDefault) is left to it; one that zone kept from
 * bubbling (the pretrained panel's stopPropagation) still ends the drag, seen on the way down (capture).
 */
import { useEffect, useRef, useState } from 'react';

const carriesFiles = (e: DragEvent) => Boolean(e.dataTransfer && [...e.dataTransfer.types].includes('Files'));

export function useWindowFileDrop(onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFiles);
  latest.current = onFiles;
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: count them to know when the drag has left the window.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // lets the drop happen here rather than the browser opening the file
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const end = () => {
      depth = 0;
      setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      latest.current([...(e.dataTransfer?.files ?? [])]);
    };
    const events = { dragenter: enter, dragover: over, dragleave: leave, drop } as const;
    for (const [name, fn] of Object.entries(events)) window.addEventListener(name, fn as EventListener);
    window.addEventListener('drop', end, true);
    return () => {
      for (const [name, fn] of Object.entries(events)) window.removeEventListener(name, fn as EventListener);
      window.removeEventListener('drop', end, true);
    };
  }, []);
  return dragging;
}
