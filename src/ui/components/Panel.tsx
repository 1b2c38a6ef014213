/** @file One titled section of the studio: a region named by its heading. */
import { useId, type ReactNode } from 'react';

export function Panel({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={wide ? 'panel panel-wide' : 'panel'}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
