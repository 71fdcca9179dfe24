// The grid's rows as the virtualiser sees them: rows covered by a spanning translation take no
// space, each row has a height estimate until measured, and moving the editor skips covered rows.
import { useCallback, useMemo, useRef, useState, type RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Annotation } from '../../data/annotations.ts';
import type { Paragraph } from '../../data/paragraphs.ts';
import { spanCover } from './span-cover.ts';

const NO_NOTES: Annotation[] = [];

/** A first guess of a row's height from its text length; measured heights replace it. */
function estimateHeight(p: Paragraph | undefined): number {
  if (!p) return 96;
  if (p.kind === 'heading') return 72;
  const lines = Math.ceil(p.text.length / 24);
  return Math.max(88, lines * 30 + 56);
}

/**
 * `pinnedId`: a row kept rendered while out of view (the row whose notes the notes sheet shows: its
 * notes live in the row's tree).
 */
export function useGridRows(
  rows: Paragraph[],
  total: number,
  notesByParagraph: Map<string, Annotation[]>,
  scrollRef: RefObject<HTMLDivElement | null>,
  pinnedId: string | null = null,
) {
  const [active, setActive] = useState<{ id: string; focus: boolean } | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  // A translation spanning several paragraphs shows as one row; the covered ones get no row.
  const cover = useMemo(() => spanCover(rows), [rows]);
  const coverRef = useRef(cover);
  coverRef.current = cover;
  // The virtualiser asks for every unmeasured row's estimate on each re-layout: compute them once.
  const estimates = useMemo(() => rows.map((p) => (cover.coveredIds.has(p.id) ? 0 : estimateHeight(p))), [rows, cover]);
  const estimatesRef = useRef(estimates);
  estimatesRef.current = estimates;
  const mergedNotes = useMemo(() => {
    const map = new Map<string, Annotation[]>();
    for (const [headId, list] of cover.covered) {
      map.set(headId, [headId, ...list.map((p) => p.id)].flatMap((id) => notesByParagraph.get(id) ?? NO_NOTES));
    }
    return map;
  }, [cover, notesByParagraph]);

  const getItemKey = useCallback((i: number) => rowsRef.current[i]?.id ?? `pending-${i}`, []);
  const pinnedIndex = useMemo(() => (pinnedId ? rows.findIndex((p) => p.id === pinnedId) : -1), [rows, pinnedId]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (pinnedIndex < 0 || indexes.includes(pinnedIndex)) return indexes;
      return [...indexes, pinnedIndex].sort((a, b) => a - b);
    },
    [pinnedIndex],
  );
  const count = Math.max(total, rows.length);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimatesRef.current[i] ?? estimateHeight(undefined),
    // Stable identity: a new function here would make the virtualiser re-measure all rows on every render.
    getItemKey,
    rangeExtractor,
    overscan: 4,
  });

  const activate = useCallback((paragraphId: string, focus = true) => {
    setActive((a) => (a?.id === paragraphId && a.focus === focus ? a : { id: paragraphId, focus }));
  }, []);

  const move = useCallback(
    (index: number, delta: 1 | -1) => {
      let next = index + delta;
      while (rowsRef.current[next] && coverRef.current.coveredIds.has(rowsRef.current[next]!.id)) next += delta;
      const target = rowsRef.current[next];
      if (!target) return;
      setActive({ id: target.id, focus: true });
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [virtualizer],
  );

  const leave = useCallback((paragraphId: string) => {
    setActive((a) => (a?.id === paragraphId ? null : a));
    // The read-only text replaces the editor in the next commit: focus it then.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`#row-${CSS.escape(paragraphId)} .translation-view`)?.focus());
  }, []);

  /** The notes a row shows: its own, or for a merged row those of every paragraph it covers. */
  const notesOf = (paragraphId: string) => mergedNotes.get(paragraphId) ?? notesByParagraph.get(paragraphId) ?? NO_NOTES;

  return { count, cover, virtualizer, active, activate, move, leave, notesOf };
}
