// Find in the document (Ctrl+F) for the grid: the bar's state, the matches in every loaded row
// (Chinese and English), the highlights each row shows, and scrolling to the current match.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Paragraph } from '../../data/paragraphs.ts';
import { findInRows, rowFinds, type RowFind } from './find.ts';
import type { SpanCover } from './span-cover.ts';

const NO_FINDS = new Map<string, RowFind>();

export function useDocumentFind(
  rows: Paragraph[],
  cover: SpanCover,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  /** A query to open the bar with (the search that led here). */
  initialFind: string | undefined,
  /** The row a link pointed at, once reached. */
  targetRow: string | null,
) {
  const [find, setFind] = useState<{ open: boolean; query: string; current: number }>(() => ({
    open: !!initialFind,
    query: initialFind ?? '',
    current: 0,
  }));
  const inputRef = useRef<HTMLInputElement>(null);
  // Another hit of the same document brings its own query.
  useEffect(() => {
    if (initialFind) setFind((f) => (f.open && f.query === initialFind ? f : { open: true, query: initialFind, current: 0 }));
  }, [initialFind]);
  const findQuery = useDeferredValue(find.open ? find.query : '');
  const matches = useMemo(() => findInRows(rows, cover, findQuery), [rows, cover, findQuery]);
  const current = matches.length ? Math.min(find.current, matches.length - 1) : -1;
  const finds = useMemo(() => (matches.length ? rowFinds(matches, current) : NO_FINDS), [matches, current]);
  const currentMatch = current >= 0 ? matches[current] : undefined;

  // A link (a search hit) reached its row: the find bar starts at that row's first match.
  const startedAt = useRef<string | null>(null);
  useEffect(() => {
    if (!targetRow || startedAt.current === targetRow || !matches.length) return;
    startedAt.current = targetRow;
    const first = matches.findIndex((m) => m.rowId === targetRow);
    if (first >= 0) setFind((f) => ({ ...f, current: first }));
  }, [targetRow, matches]);

  // Scrolls when the user moves to another match, not when a save refreshes the rows.
  const currentKey = currentMatch ? `${current}:${currentMatch.rowId}:${currentMatch.field}:${currentMatch.paragraphId}:${currentMatch.start}` : '';
  const currentRowIndex = currentMatch?.rowIndex ?? -1;
  useEffect(() => {
    if (currentKey) virtualizer.scrollToIndex(currentRowIndex, { align: 'center' });
    // currentRowIndex changes with currentKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentKey, virtualizer]);

  const step = useCallback(
    (delta: 1 | -1) => setFind((f) => ({ ...f, current: matches.length ? (Math.max(current, 0) + delta + matches.length) % matches.length : 0 })),
    [matches.length, current],
  );
  const open = useCallback(() => {
    setFind((f) => ({ ...f, open: true }));
    // The bar may not be mounted yet: focus it once it is.
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  }, []);
  const setQuery = useCallback((query: string) => setFind((f) => ({ ...f, query, current: 0 })), []);
  const close = useCallback(() => setFind((f) => ({ ...f, open: false })), []);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return { isOpen: find.open, query: find.query, total: matches.length, current: Math.max(current, 0), finds, step, open, close, setQuery, inputRef };
}
