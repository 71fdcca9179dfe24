// The note composers open in the grid, one per paragraph at most. Opening one clears the source
// selection it was opened from.
import { useCallback, useState } from 'react';
import type { Composer } from './workspace-context.ts';

export function useComposers(clearSelection: () => void) {
  const [composers, setComposers] = useState<Map<string, Composer>>(() => new Map());
  const openComposer = useCallback(
    (paragraphId: string, composer: Composer) => {
      setComposers((m) => new Map(m).set(paragraphId, composer));
      clearSelection();
    },
    [clearSelection],
  );
  const closeComposer = useCallback((paragraphId: string) => {
    setComposers((m) => {
      const next = new Map(m);
      next.delete(paragraphId);
      return next;
    });
  }, []);
  return { composers, openComposer, closeComposer };
}
