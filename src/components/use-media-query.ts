// Screen-size classes the screens switch their layout on (the same break points as the stylesheet).
import { useSyncExternalStore } from 'react';

/** Phones (and small windows): one column per row. */
export const PHONE_QUERY = '(max-width: 767px)';
/** Tablets: two text columns, notes in a side sheet. */
const TABLET_QUERY = '(min-width: 768px) and (max-width: 1024px)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export type ScreenSize = 'phone' | 'tablet' | 'desktop';

export function useScreenSize(): ScreenSize {
  const phone = useMediaQuery(PHONE_QUERY);
  const tablet = useMediaQuery(TABLET_QUERY);
  return phone ? 'phone' : tablet ? 'tablet' : 'desktop';
}
