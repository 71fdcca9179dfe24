import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LAYOUT, MIN_COLUMN, gridColumns, layoutKey, moveBoundary, readLayout } from './use-workspace-layout.ts';

describe('workspace layout', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts with the Chinese at least as wide as the English', () => {
    expect(DEFAULT_LAYOUT.columns.zh).toBeGreaterThanOrEqual(DEFAULT_LAYOUT.columns.en);
    const { zh, en, notes } = DEFAULT_LAYOUT.columns;
    expect(zh + en + notes).toBe(100);
  });

  it('moves a boundary between two neighbours only, keeping the sum', () => {
    expect(moveBoundary({ zh: 40, en: 36, notes: 24 }, 'zh', 6)).toEqual({ zh: 46, en: 30, notes: 24 });
    expect(moveBoundary({ zh: 40, en: 36, notes: 24 }, 'en', -4)).toEqual({ zh: 40, en: 32, notes: 28 });
  });

  it('never makes a column narrower than the minimum', () => {
    expect(moveBoundary({ zh: 40, en: 36, notes: 24 }, 'zh', 100)).toEqual({ zh: 76 - MIN_COLUMN, en: MIN_COLUMN, notes: 24 });
    expect(moveBoundary({ zh: 40, en: 36, notes: 24 }, 'en', 100)).toEqual({ zh: 40, en: 60 - MIN_COLUMN, notes: MIN_COLUMN });
    expect(moveBoundary({ zh: 40, en: 36, notes: 24 }, 'zh', -100).zh).toBe(MIN_COLUMN);
  });

  it('builds the grid template with or without the notes column', () => {
    expect(gridColumns(DEFAULT_LAYOUT, true)).toBe('var(--number-column) minmax(0, 40fr) minmax(0, 36fr) minmax(0, 24fr)');
    expect(gridColumns(DEFAULT_LAYOUT, false)).toBe('var(--number-column) minmax(0, 40fr) minmax(0, 36fr)');
  });

  it('reads the layout stored for the user, falling back on anything broken', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
    expect(readLayout('u1')).toEqual(DEFAULT_LAYOUT);
    store.set(layoutKey('u1'), JSON.stringify({ columns: { zh: 50, en: 30, notes: 20 }, notesHidden: true, reading: false }));
    expect(readLayout('u1')).toEqual({ columns: { zh: 50, en: 30, notes: 20 }, notesHidden: true, reading: false });
    // Another user on the same computer keeps their own.
    expect(readLayout('u2')).toEqual(DEFAULT_LAYOUT);
    store.set(layoutKey('u1'), JSON.stringify({ columns: { zh: 90, en: 5, notes: 5 }, reading: true }));
    expect(readLayout('u1')).toEqual({ columns: DEFAULT_LAYOUT.columns, notesHidden: false, reading: true });
    store.set(layoutKey('u1'), '{not json');
    expect(readLayout('u1')).toEqual(DEFAULT_LAYOUT);
  });
});
