// A link to one row (/documents/:id?p=N or #p-N): once that row has loaded, scroll it to the top and
// focus it — the row that covers it, for a paragraph merged into an aligned row. Each navigation
// (its location key) is handled once, so scrolling away afterwards is left alone.
import { useEffect, useState } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Paragraph } from '../../data/paragraphs.ts';

export interface DeepLinkTarget {
  position: number;
  /** Changes with each navigation, also to the same row. */
  key: string;
}

/** The paragraph a link points at: `?p=N` or `#p-N`, N ≥ 1. */
export function targetPosition(query: string | null, hash: string): number | null {
  const raw = query ?? /^#p-?(\d+)$/.exec(hash)?.[1] ?? null;
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const n = Number.parseInt(raw, 10);
  return n >= 1 ? n : null;
}

/** Returns the id of the row the link reached (marked in the grid), or null. */
export function useDeepLink(
  target: DeepLinkTarget | null,
  rows: readonly Paragraph[],
  coveredIds: ReadonlySet<string>,
  loadingMore: boolean,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
): string | null {
  const [handled, setHandled] = useState<string | null>(null);
  const [reached, setReached] = useState<string | null>(null);
  useEffect(() => {
    if (!target || handled === target.key) return;
    let index = rows.findIndex((p) => p.position === target.position);
    if (index < 0) {
      // Not loaded yet: wait for the next page; past the end, give up.
      if (!loadingMore && rows.length > 0) setHandled(target.key);
      return;
    }
    while (index > 0 && coveredIds.has(rows[index]!.id)) index -= 1;
    const rowId = rows[index]!.id;
    setHandled(target.key);
    setReached(rowId);
    virtualizer.scrollToIndex(index, { align: 'start' });
    let tries = 0;
    const focus = () => {
      const element = document.getElementById(`row-${rowId}`);
      if (element) {
        // Measured heights may have moved it while rendering: align once more, then focus.
        virtualizer.scrollToIndex(index, { align: 'start' });
        element.focus({ preventScroll: true });
      } else if (tries++ < 30) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }, [target, handled, rows, coveredIds, loadingMore, virtualizer]);
  return reached;
}
