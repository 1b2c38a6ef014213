/** @file The colour scheme the person's system asks for (prefers-color-scheme), followed live. */
import type { ColourScheme } from './palette';
import { useMediaQuery } from '../layout/useMediaQuery';

export function useColourScheme(): ColourScheme {
  return useMediaQuery('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}
