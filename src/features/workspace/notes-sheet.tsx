// Where a row's notes show. On a wide screen they have their own column; on a tablet they move to a
// side sheet beside the grid that follows the row in use; on a phone each row ends with a notes
// count that opens them in a sheet over the page. The row renders its notes either way (a portal
// carries them into the sheet), so the note forms, cards and buttons are the same everywhere.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useModalDialog } from '../../components/dialog.tsx';
import type { ScreenSize } from '../../components/use-media-query.ts';
import type { WorkspaceLayout } from './use-workspace-layout.ts';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/i18n.tsx';

export type NotesMode = 'column' | 'side-sheet' | 'phone-sheet' | 'hidden';

export interface NotesSheetValue {
  mode: NotesMode;
  /** The row whose notes the sheet shows. */
  rowId: string | null;
  /** The sheet is showing (always, for the side sheet unless closed; on a phone once opened). */
  open: boolean;
  /** Where the sheet's content goes. */
  element: HTMLElement | null;
  show: (paragraphId: string) => void;
}

export const NotesSheetContext = createContext<NotesSheetValue>({ mode: 'column', rowId: null, open: false, element: null, show: () => {} });

export const useNotesSheet = () => useContext(NotesSheetContext);

export function notesModeOf(screen: ScreenSize, layout: WorkspaceLayout): NotesMode {
  if (layout.reading || layout.notesHidden) return 'hidden';
  return screen === 'desktop' ? 'column' : screen === 'tablet' ? 'side-sheet' : 'phone-sheet';
}

/** Which row the sheet shows and whether it is open: the side sheet until closed, the phone's once a count is pressed. */
export function useSheetState(mode: NotesMode) {
  const [rowId, setRowId] = useState<string | null>(null);
  const [openChoice, setOpenChoice] = useState<boolean | null>(null);
  const [element, setElement] = useState<HTMLElement | null>(null);
  const open = (mode === 'side-sheet' || mode === 'phone-sheet') && (openChoice ?? mode === 'side-sheet');
  /** Brings a row's notes up in the sheet; with no sheet (notes in their column, or hidden), nothing. */
  const show = useCallback((paragraphId: string) => {
    if (mode !== 'side-sheet' && mode !== 'phone-sheet') return;
    setRowId(paragraphId);
    setOpenChoice(true);
  }, [mode]);
  const close = useCallback(() => setOpenChoice(false), []);
  /** The side sheet follows the row in use (a focus or a click in it). */
  const follow = useCallback((paragraphId: string) => {
    if (mode === 'side-sheet') setRowId(paragraphId);
  }, [mode]);
  return { mode, rowId, open, element, setElement, show, close, follow };
}

/** The sheet as rows see it; until a row is chosen, the side sheet shows `fallbackRowId` (the first in view). */
export function useSheetContext(state: ReturnType<typeof useSheetState>, fallbackRowId: string | null): NotesSheetValue {
  const rowId = state.rowId ?? (state.mode === 'side-sheet' ? fallbackRowId : null);
  const { mode, open, element, show } = state;
  return useMemo(() => ({ mode, rowId, open, element, show }), [mode, rowId, open, element, show]);
}

interface NotesCellProps {
  paragraphId: string;
  /** The paragraph's number. */
  n: number;
  count: number;
  children: ReactNode;
}

/** A row's notes: in its notes column, or a count that opens the sheet (and the notes in it). */
export function NotesCell({ paragraphId, n, count, children }: NotesCellProps) {
  const t = useT();
  const sheet = useNotesSheet();
  if (sheet.mode === 'column') return <div className="cell cell-notes">{children}</div>;
  if (sheet.mode === 'hidden') return null;
  const here = sheet.rowId === paragraphId && sheet.open;
  return (
    <>
      <div className="cell cell-notes-count">
        <button
          type="button"
          className={`button button-small notes-count${count > 0 ? ' has-notes' : ''}`}
          aria-label={t('layout.sheet.open', { n, count })}
          aria-expanded={here}
          aria-haspopup={sheet.mode === 'phone-sheet' ? 'dialog' : undefined}
          // Keep a phrase selected in the row, so the sheet can offer "Add note to selection".
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => sheet.show(paragraphId)}
        >
          {sheet.mode === 'side-sheet' ? count : t('layout.sheet.count', { count })}
        </button>
      </div>
      {here && sheet.element ? createPortal(children, sheet.element) : null}
    </>
  );
}

interface SheetProps {
  /** The number of the row shown, if any. */
  n: number | null;
  onClose: () => void;
  /** Receives the element the row's notes go into. */
  contentRef: (element: HTMLElement | null) => void;
}

/** A sheet's title (the row's number) and its close button. */
function SheetHead({ n, onClose }: Pick<SheetProps, 'n' | 'onClose'>) {
  const t = useT();
  return (
    <div className="notes-sheet-head">
      <h2 id="notes-sheet-title">{n === null ? t('workspace.col.notes') : t('layout.sheet.title', { n })}</h2>
      <button type="button" className="button button-small button-quiet" aria-label={t('layout.sheet.close')} onClick={onClose}>
        ✕
      </button>
    </div>
  );
}

/** The tablet's side sheet: a complementary region beside the grid, for the row in use. */
export function SideSheet({ n, onClose, contentRef }: SheetProps) {
  const t = useT();
  return (
    <aside className="notes-sheet notes-side-sheet" aria-labelledby="notes-sheet-title">
      <SheetHead n={n} onClose={onClose} />
      {n === null ? <p className="muted small">{t('layout.sheet.empty')}</p> : null}
      <div className="notes-sheet-body" ref={contentRef} />
    </aside>
  );
}

/** The phone's notes sheet: a modal dialog rising from the bottom of the screen. */
export function PhoneSheet({ n, onClose, contentRef }: SheetProps) {
  const ref = useModalDialog();
  return (
    <dialog
      ref={ref}
      className="notes-sheet notes-phone-sheet"
      aria-labelledby="notes-sheet-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <SheetHead n={n} onClose={onClose} />
      <div className="notes-sheet-body" ref={contentRef} />
    </dialog>
  );
}
