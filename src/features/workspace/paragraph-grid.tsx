// The virtualised grid of aligned rows. Only the rows in view (plus a margin) are in the DOM,
// each measured after render so rows of any height line up; one row at a time holds an editor.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import type { Annotation } from '../../data/annotations.ts';
import type { SessionUser } from '../../data/auth.ts';
import type { Profile } from '../../data/profiles.ts';
import type { Peer } from '../../data/live.ts';
import { GridHead, GridToolbar, useGoToIndex } from './grid-toolbar.tsx';
import { ShortcutsDialog, useShortcutsDialog } from './shortcuts-dialog.tsx';
import { ParagraphRow } from './paragraph-row.tsx';
import { useGridRows } from './use-grid-rows.ts';
import { useSourceSelection } from './use-source-selection.ts';
import { useDeepLink, type DeepLinkTarget } from './use-deep-link.ts';
import { WorkspaceContext, type WorkspaceContextValue } from './workspace-context.ts';
import { useComposers } from './use-composers.ts';
import { useTranslationSelection } from './use-translation-selection.ts';
import { useDocumentFind } from './use-document-find.ts';
import { FindBar } from './find-bar.tsx';
import { ConcordanceDialog } from './concordance-dialog.tsx';
import { useQaPanel } from './use-qa-panel.ts';
import { RowSkeleton } from './row-skeleton.tsx';
import { DocumentQa } from './document-qa.tsx';
import { useScreenSize } from '../../components/use-media-query.ts';
import { gridColumns, useWorkspaceLayout } from './use-workspace-layout.ts';
import { NotesSheetContext, PhoneSheet, SideSheet, type NotesMode, type NotesSheetValue } from './notes-sheet.tsx';
import './workspace-search.css';
import './layout.css';
import './qa.css';

const NO_PEERS = new Map<string, Peer[]>();

interface ParagraphGridProps {
  documentId: string;
  /** The document's project ('' until the document row arrives). */
  projectId: string;
  user: SessionUser;
  rows: Paragraph[];
  /** Rows in the document, including pages not loaded yet. */
  total: number;
  notesByParagraph: Map<string, Annotation[]>;
  canTranslate: boolean;
  canAnnotate: boolean;
  /** Owners and reviewers. */
  canReview?: boolean;
  profiles: Map<string, Profile>;
  /** Others editing each row (presence), by paragraph id. */
  peersByParagraph?: Map<string, Peer[]>;
  /** Told which row the user is editing (null: none), for presence. */
  onActiveRow?: (row: { paragraphId: string; position: number } | null) => void;
  /** Controls shown in the toolbar above the grid (filters, save state). */
  toolbar: ReactNode;
  /** More pages of rows are still arriving. */
  loadingMore?: boolean;
  /** A row a link points at, to scroll to and focus. */
  target?: DeepLinkTarget | null;
  /** A query to open the find bar with (the search that led here). */
  initialFind?: string | undefined;
  /** Told whether the grid is scrolled away from its top (the header folds then). */
  onScrolled?: (scrolled: boolean) => void;
  /** Shown in place of the rows when there are none (a filter hides them all). */
  emptyMessage?: ReactNode;
}

/** Scrolled this far, the grid counts as scrolled (the header folds). */
const SCROLLED = 40;

export function ParagraphGrid({
  documentId,
  projectId,
  user,
  rows,
  total,
  notesByParagraph,
  canTranslate,
  canAnnotate,
  canReview = false,
  profiles,
  peersByParagraph = NO_PEERS,
  onActiveRow,
  toolbar,
  loadingMore = false,
  target = null,
  initialFind,
  onScrolled,
  emptyMessage,
}: ParagraphGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(rows.map((p) => [p.id, p])), [rows]);
  const [selection, setSelection] = useSourceSelection(byId);

  // Layout: columns and toggles remembered per user; the notes' place depends on the screen.
  const screen = useScreenSize();
  const { layout, resize, setNotesHidden, setReading } = useWorkspaceLayout(user.id);
  const notesMode: NotesMode = layout.reading || layout.notesHidden ? 'hidden' : screen === 'desktop' ? 'column' : screen === 'tablet' ? 'side-sheet' : 'phone-sheet';
  const [sheetRowId, setSheetRowId] = useState<string | null>(null);
  const [sheetOpenChoice, setSheetOpen] = useState<boolean | null>(null);
  const [sheetElement, setSheetElement] = useState<HTMLElement | null>(null);
  // The side sheet shows until closed; the phone's opens from a row's notes count.
  const sheetOpen = notesMode !== 'column' && notesMode !== 'hidden' && (sheetOpenChoice ?? notesMode === 'side-sheet');
  const { count, cover, virtualizer, active, activate, move, leave, notesOf } = useGridRows(rows, total, notesByParagraph, scrollRef, sheetOpen ? sheetRowId : null);
  // Rows change height with the layout: measure them again.
  useEffect(() => virtualizer.measure(), [virtualizer, screen, notesMode, layout.reading, layout.columns]);
  // Until a row is chosen, the side sheet shows the first row in view.
  let firstInView = virtualizer.range?.startIndex ?? 0;
  while (firstInView > 0 && rows[firstInView] && cover.coveredIds.has(rows[firstInView]!.id)) firstInView--;
  const shownRowId = sheetRowId ?? (notesMode === 'side-sheet' ? (rows[firstInView]?.id ?? null) : null);
  const sheet = useMemo<NotesSheetValue>(
    () => ({
      mode: notesMode,
      rowId: shownRowId,
      open: sheetOpen,
      element: sheetElement,
      show: (id) => {
        setSheetRowId(id);
        setSheetOpen(true);
      },
    }),
    [notesMode, shownRowId, sheetOpen, sheetElement],
  );
  /** The side sheet follows the row in use (a focus or a click in it). */
  const follow = (paragraphId: string) => {
    if (notesMode === 'side-sheet' && sheetRowId !== paragraphId) setSheetRowId(paragraphId);
  };

  const activePosition = active ? (byId.get(active.id)?.position ?? null) : null;
  const activeId = activePosition === null ? null : (active?.id ?? null);
  useEffect(() => onActiveRow?.(activeId && activePosition !== null ? { paragraphId: activeId, position: activePosition } : null), [activeId, activePosition, onActiveRow]);
  const targetRow = useDeepLink(target, rows, cover.coveredIds, loadingMore, virtualizer);
  const englishSelection = useTranslationSelection();
  const [concordance, setConcordance] = useState<{ text: string; language: 'zh' | 'en' } | null>(null);
  const openConcordance = useCallback((text: string, language: 'zh' | 'en') => setConcordance({ text, language }), []);
  const qaPanel = useQaPanel(documentId, projectId, rows, cover, virtualizer);
  const qa = qaPanel.qa;
  const [showPinyin, setShowPinyin] = useState(false);
  const shortcuts = useShortcutsDialog();

  const goToIndex = useGoToIndex(rows, cover, qaPanel.goToRow, virtualizer);

  // Find in the document (Ctrl+F): every loaded row, Chinese and English; the current match is scrolled to.
  const find = useDocumentFind(rows, cover, virtualizer, initialFind, targetRow);

  const clearSelection = useCallback(() => setSelection(null), [setSelection]);
  const { composers, openComposer, closeComposer } = useComposers(clearSelection);

  const context = useMemo<WorkspaceContextValue>(
    () => ({
      documentId, projectId, user, canTranslate, canAnnotate, canReview, profiles, activate, move, leave, openComposer, closeComposer, openConcordance,
      glossary: qa.glossary, qaElsewhere: qa.elsewhere, qaIgnores: qa.ignores, ignoreFinding: qa.ignoreFinding, unignoreFinding: qa.unignoreFinding, showPinyin,
    }),
    [
      documentId, projectId, user, canTranslate, canAnnotate, canReview, profiles, activate, move, leave, openComposer, closeComposer, openConcordance,
      qa.glossary, qa.elsewhere, qa.ignores, qa.ignoreFinding, qa.unignoreFinding, showPinyin,
    ],
  );

  const items = virtualizer.getVirtualItems();

  const columns = screen === 'phone' ? undefined : gridColumns(layout, notesMode === 'column');

  return (
    <WorkspaceContext.Provider value={context}>
      <NotesSheetContext.Provider value={sheet}>
        <div
          className={`workspace-grid screen-${screen} notes-in-${notesMode}${layout.reading ? ' is-reading' : ''}`}
          style={columns ? ({ '--row-columns': columns } as CSSProperties) : undefined}
        >
          <GridToolbar
            count={count}
            onGoTo={goToIndex}
            toolbar={toolbar}
            showPinyin={showPinyin}
            onShowPinyin={setShowPinyin}
            onOpenQa={() => qaPanel.setOpen(true)}
            onOpenFind={find.open}
            onOpenShortcuts={shortcuts.open}
            showNotes={!layout.notesHidden}
            onShowNotes={(show) => setNotesHidden(!show)}
            reading={layout.reading}
            onReading={setReading}
          />
          {find.isOpen ? (
            <FindBar
              query={find.query}
              onQuery={find.setQuery}
              total={find.total}
              current={find.current}
              onStep={find.step}
              onClose={find.close}
              partialRows={loadingMore ? rows.length : undefined}
              inputRef={find.inputRef}
            />
          ) : null}
          <div className="workspace-body">
            <div className="grid-main">
              {screen === 'phone' ? null : <GridHead columns={layout.columns} onResize={resize} withNotes={notesMode === 'column'} />}
              <div
                className="grid-scroll"
                ref={scrollRef}
                data-testid="workspace-scroll"
                aria-busy={loadingMore}
                onScroll={onScrolled ? (e) => onScrolled(e.currentTarget.scrollTop > SCROLLED) : undefined}
              >
                {count === 0 && emptyMessage ? emptyMessage : null}
                <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
                  {items.map((item) => {
                    const paragraph = rows[item.index];
                    return (
                      <div
                        key={item.key}
                        data-index={item.index}
                        ref={virtualizer.measureElement}
                        className="row-slot"
                        style={{ transform: `translateY(${item.start}px)` }}
                        onFocus={paragraph ? () => follow(paragraph.id) : undefined}
                        onPointerDown={paragraph ? () => follow(paragraph.id) : undefined}
                      >
                        {paragraph && cover.coveredIds.has(paragraph.id) ? null : paragraph ? (
                          <ParagraphRow
                            paragraph={paragraph}
                            covered={cover.covered.get(paragraph.id)}
                            index={item.index}
                            notes={notesOf(paragraph.id)}
                            isActive={active?.id === paragraph.id}
                            autoFocus={active?.id === paragraph.id && active.focus}
                            composer={composers.get(paragraph.id)}
                            selection={selection?.paragraphId === paragraph.id ? selection.selectors : null}
                            isTarget={targetRow === paragraph.id}
                            englishSelection={englishSelection?.paragraphId === paragraph.id ? englishSelection : null}
                            find={find.finds.get(paragraph.id)}
                            peers={peersByParagraph.get(paragraph.id)}
                          />
                        ) : (
                          <RowSkeleton index={item.index} />
                        )}
                      </div>
                    );
                  })}
                </div>
              </div>
            </div>
            {notesMode === 'side-sheet' && sheetOpen ? (
              <SideSheet n={shownRowId ? (byId.get(shownRowId)?.position ?? null) : null} onClose={() => setSheetOpen(false)} contentRef={setSheetElement} />
            ) : null}
          </div>
          {notesMode === 'phone-sheet' && sheetOpen ? (
            <PhoneSheet n={shownRowId ? (byId.get(shownRowId)?.position ?? null) : null} onClose={() => setSheetOpen(false)} contentRef={setSheetElement} />
          ) : null}
        </div>
        {qaPanel.isOpen ? (
          <DocumentQa
            rows={qa.documentRows}
            glossary={qaPanel.glossaryTerms}
            elsewhere={qa.elsewhereBySource}
            ignores={qa.ignores}
            partial={loadingMore}
            onGoTo={qaPanel.goToRow}
            onClose={() => qaPanel.setOpen(false)}
          />
        ) : null}
        {shortcuts.isOpen ? <ShortcutsDialog onClose={shortcuts.close} /> : null}
        {concordance && projectId ? (
          <ConcordanceDialog projectId={projectId} text={concordance.text} language={concordance.language} onClose={() => setConcordance(null)} />
        ) : null}
      </NotesSheetContext.Provider>
    </WorkspaceContext.Provider>
  );
}
