// How the workspace is laid out for this user: the widths of the Chinese, English and notes columns,
// whether the notes column shows, and reading mode. Kept in localStorage under the user's id, so
// each person who signs in on a shared computer gets their own layout back.
import { useCallback, useState } from 'react';

export interface ColumnWidths {
  /** Shares of the text width, in percent (they add up to 100). */
  zh: number;
  en: number;
  notes: number;
}

export interface WorkspaceLayout {
  columns: ColumnWidths;
  notesHidden: boolean;
  reading: boolean;
}

/** Chinese is the text being read: it starts at least as wide as the English. */
export const DEFAULT_LAYOUT: WorkspaceLayout = { columns: { zh: 40, en: 36, notes: 24 }, notesHidden: false, reading: false };
/** No column gets narrower than this share. */
export const MIN_COLUMN = 15;

export const layoutKey = (userId: string) => `duizhao:workspace-layout:${userId}`;

function valid(columns: unknown): columns is ColumnWidths {
  if (!columns || typeof columns !== 'object') return false;
  const c = columns as Record<string, unknown>;
  const parts = [c.zh, c.en, c.notes];
  return parts.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= MIN_COLUMN) && Math.abs((parts as number[]).reduce((a, b) => a + b, 0) - 100) < 0.5;
}

export function readLayout(userId: string): WorkspaceLayout {
  try {
    const stored = JSON.parse(localStorage.getItem(layoutKey(userId)) ?? 'null') as Partial<WorkspaceLayout> | null;
    if (!stored) return DEFAULT_LAYOUT;
    return {
      columns: valid(stored.columns) ? stored.columns : DEFAULT_LAYOUT.columns,
      notesHidden: stored.notesHidden === true,
      reading: stored.reading === true,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

/**
 * Moves the boundary between two neighbouring columns by `delta` percent (clamped so neither gets
 * narrower than MIN_COLUMN); `left` is the column left of the boundary.
 */
export function moveBoundary(columns: ColumnWidths, left: 'zh' | 'en', delta: number): ColumnWidths {
  const right = left === 'zh' ? 'en' : 'notes';
  const pair = columns[left] + columns[right];
  const next = Math.min(Math.max(columns[left] + delta, MIN_COLUMN), pair - MIN_COLUMN);
  const rounded = Math.round(next * 10) / 10;
  return { ...columns, [left]: rounded, [right]: Math.round((pair - rounded) * 10) / 10 };
}

export function useWorkspaceLayout(userId: string) {
  // Read once per user: on the first render, and again only when another user signs in.
  const [stored, setStored] = useState(() => ({ userId, layout: readLayout(userId) }));
  // (React renders again at once with the new user's layout; this render's output is dropped.)
  if (stored.userId !== userId) setStored({ userId, layout: readLayout(userId) });
  const { layout } = stored;

  const update = useCallback(
    (change: (l: WorkspaceLayout) => WorkspaceLayout) => {
      setStored((current) => {
        const next = change(current.layout);
        try {
          localStorage.setItem(layoutKey(userId), JSON.stringify(next));
        } catch {
          // Storage full or blocked: the layout still applies for this visit.
        }
        return { userId, layout: next };
      });
    },
    [userId],
  );

  const resize = useCallback((left: 'zh' | 'en', delta: number) => update((l) => ({ ...l, columns: moveBoundary(l.columns, left, delta) })), [update]);
  const setNotesHidden = useCallback((notesHidden: boolean) => update((l) => ({ ...l, notesHidden })), [update]);
  const setReading = useCallback((reading: boolean) => update((l) => ({ ...l, reading })), [update]);
  const reset = useCallback(() => update(() => DEFAULT_LAYOUT), [update]);

  return { layout, resize, setNotesHidden, setReading, reset };
}

/** The grid's column template for the layout (number column first). */
export function gridColumns(layout: WorkspaceLayout, withNotes: boolean): string {
  const { zh, en, notes } = layout.columns;
  if (!withNotes) return `var(--number-column) minmax(0, ${zh}fr) minmax(0, ${en}fr)`;
  return `var(--number-column) minmax(0, ${zh}fr) minmax(0, ${en}fr) minmax(0, ${notes}fr)`;
}
