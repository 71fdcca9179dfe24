// What notes need from the page beyond the workspace context: the note filters (a tag on a card
// filters by it) and "open this note" (a click on a highlight). An open request is taken once, by
// the first card of that note that is on screen: the notes column, or a sheet that shows the notes
// (it mounts later and takes the request then).
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { NO_NOTE_FILTERS, type NoteFilters } from './note-filters.ts';

interface OpenNoteDetail {
  noteId: string;
  /** The paragraph the note is on (the row's head paragraph for a merged row may differ). */
  paragraphId: string;
}

interface OpenNoteRequest extends OpenNoteDetail {
  seq: number;
}

interface NotesUiValue {
  filters: NoteFilters;
  updateFilters: (patch: Partial<NoteFilters>) => void;
  requested: OpenNoteRequest | null;
  openNote: (detail: OpenNoteDetail) => void;
  /** True once for a request: the caller shows the note. */
  take: (seq: number) => boolean;
}

const NotesUiContext = createContext<NotesUiValue | null>(null);

const NOOP_FILTERS: NotesUiValue = {
  filters: NO_NOTE_FILTERS,
  updateFilters: () => undefined,
  requested: null,
  openNote: () => undefined,
  take: () => false,
};

export function NotesUiProvider({ filters, updateFilters, children }: { filters: NoteFilters; updateFilters: (patch: Partial<NoteFilters>) => void; children: ReactNode }) {
  const [requested, setRequested] = useState<OpenNoteRequest | null>(null);
  const taken = useRef(0);
  const seq = useRef(0);
  const openNote = useCallback((detail: OpenNoteDetail) => {
    setRequested({ ...detail, seq: ++seq.current });
  }, []);
  const take = useCallback((s: number) => {
    if (taken.current >= s) return false;
    taken.current = s;
    return true;
  }, []);
  const value = useMemo(() => ({ filters, updateFilters, requested, openNote, take }), [filters, updateFilters, requested, openNote, take]);
  return <NotesUiContext.Provider value={value}>{children}</NotesUiContext.Provider>;
}

/** The notes' page state; outside a provider (tests, other pages) filters and opening do nothing. */
export function useNotesUi(): NotesUiValue {
  return useContext(NotesUiContext) ?? NOOP_FILTERS;
}
