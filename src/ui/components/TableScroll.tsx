/** @file A horizontally scrollable box for a wide table; focusable so keyboard users can scroll it too. */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label={`${label} (scrollable)`}>
      {children}
    </div>
  );
}
