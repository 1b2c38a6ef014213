/** @file The colour scheme the person's system asks for (prefers-color-scheme), followed live. */
import { useSyncExternalStore } from 'react';
import type { ColourScheme } from './palette';

const QUERY = '(prefers-color-scheme: dark)';
const media = () => (typeof window === 'undefined' || !window.matchMedia ? null : window.matchMedia(QUERY));

function subscribe(onChange: () => void): () => void {
  const m = media();
  m?.addEventListener('change', onChange);
  return () => m?.removeEventListener('change', onChange);
}

export function useColourScheme(): ColourScheme {
  return useSyncExternalStore(
    subscribe,
    () => (media()?.matches ? 'dark' : 'light'),
    () => 'light',
  );
}
