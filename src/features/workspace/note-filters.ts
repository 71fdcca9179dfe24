// Which notes the workspace shows: by status, kind, tag and author (all combinable), and whether
// rows without a shown note are hidden. Pure functions, and the page's state for them.
import { useCallback, useMemo, useState } from 'react';
import type { Annotation, AnnotationKind, AnnotationStatus } from '../../data/annotations.ts';
import type { Paragraph } from '../../data/paragraphs.ts';
import { spanCover } from './span-cover.ts';

export interface NoteFilters {
  status: AnnotationStatus | '';
  kind: AnnotationKind | '';
  tag: string;
  /** An author's user id ('' = anyone). */
  author: string;
  /** Hide the rows that have no note under the filters above. */
  onlyRowsWithNotes: boolean;
}

export const NO_NOTE_FILTERS: NoteFilters = { status: '', kind: '', tag: '', author: '', onlyRowsWithNotes: false };

/** How many filters are on (the filter button says so). */
export function filtersOn(f: NoteFilters): number {
  return [f.status, f.kind, f.tag, f.author].filter((x) => x !== '').length + (f.onlyRowsWithNotes ? 1 : 0);
}

/** The notes that pass every filter set. Tags compare case-insensitively. */
export function filterNotes(notes: readonly Annotation[], f: NoteFilters): Annotation[] {
  const tag = f.tag.trim().toLocaleLowerCase();
  return notes.filter(
    (n) =>
      (f.status === '' || n.status === f.status) &&
      (f.kind === '' || n.kind === f.kind) &&
      (f.author === '' || n.author_id === f.author) &&
      (tag === '' || n.tags.some((t) => t.toLocaleLowerCase() === tag)),
  );
}

/**
 * The rows to show when only rows with notes are wanted: a paragraph with a note, with the
 * paragraphs its translation covers (and the head of a row whose covered paragraph has one).
 */
export function rowsWithNotes(rows: readonly Paragraph[], hasNotes: (paragraphId: string) => boolean): Paragraph[] {
  const cover = spanCover(rows);
  const keep = new Set<string>();
  for (const p of rows) {
    if (cover.coveredIds.has(p.id)) continue;
    const group = [p, ...(cover.covered.get(p.id) ?? [])];
    if (group.some((q) => hasNotes(q.id))) for (const q of group) keep.add(q.id);
  }
  return rows.filter((p) => keep.has(p.id));
}

/** The distinct tags and authors of a document's notes, for the filter's choices. */
export function filterChoices(notes: readonly Annotation[]): { tags: string[]; authors: string[] } {
  const tags = new Map<string, string>();
  const authors = new Set<string>();
  for (const n of notes) {
    authors.add(n.author_id);
    for (const t of n.tags) if (!tags.has(t.toLocaleLowerCase())) tags.set(t.toLocaleLowerCase(), t);
  }
  return { tags: [...tags.values()].sort((a, b) => a.localeCompare(b)), authors: [...authors] };
}

export function useNoteFilters() {
  const [filters, setFilters] = useState<NoteFilters>(NO_NOTE_FILTERS);
  const update = useCallback((patch: Partial<NoteFilters>) => setFilters((f) => ({ ...f, ...patch })), []);
  const clear = useCallback(() => setFilters(NO_NOTE_FILTERS), []);
  return useMemo(() => ({ filters, update, clear }), [filters, update, clear]);
}
