// The virtualised grid of aligned rows. Only the rows in view (plus a margin) are in the DOM,
// each measured after render so rows of any height line up; one row at a time holds an editor.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import type { Annotation } from '../../data/annotations.ts';
import type { SessionUser } from '../../data/auth.ts';
import type { Profile } from '../../data/profiles.ts';
import { useT } from '../../i18n/i18n.tsx';
import { GoToRow } from './go-to-row.tsx';
import { ShortcutsDialog, useShortcutsKey } from './shortcuts-dialog.tsx';
import { ParagraphRow } from './paragraph-row.tsx';
import { useGridRows } from './use-grid-rows.ts';
import { useSourceSelection } from './use-source-selection.ts';
import { useDeepLink, type DeepLinkTarget } from './use-deep-link.ts';
import { WorkspaceContext, type Composer, type WorkspaceContextValue } from './workspace-context.ts';
import { useTranslationSelection } from './use-translation-selection.ts';
import { findInRows, rowFinds, type RowFind } from './find.ts';
import { FindBar } from './find-bar.tsx';
import { ConcordanceDialog } from './concordance-dialog.tsx';
import { useWorkspaceQa } from './use-workspace-qa.ts';
import { DocumentQa } from './document-qa.tsx';
import './workspace-search.css';
import './qa.css';

const NO_FINDS = new Map<string, RowFind>();

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
  /** Controls shown in the toolbar above the grid (filters, save state). */
  toolbar: ReactNode;
  /** More pages of rows are still arriving. */
  loadingMore?: boolean;
  /** A row a link points at, to scroll to and focus. */
  target?: DeepLinkTarget | null;
  /** A query to open the find bar with (the search that led here). */
  initialFind?: string | undefined;
}

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
  toolbar,
  loadingMore = false,
  target = null,
  initialFind,
}: ParagraphGridProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [composers, setComposers] = useState<Map<string, Composer>>(() => new Map());
  const byId = useMemo(() => new Map(rows.map((p) => [p.id, p])), [rows]);
  const [selection, setSelection] = useSourceSelection(byId);
  const { count, cover, virtualizer, active, activate, move, leave, notesOf } = useGridRows(rows, total, notesByParagraph, scrollRef);
  const targetRow = useDeepLink(target, rows, cover.coveredIds, loadingMore, virtualizer);
  const englishSelection = useTranslationSelection();
  const [concordance, setConcordance] = useState<{ text: string; language: 'zh' | 'en' } | null>(null);
  const openConcordance = useCallback((text: string, language: 'zh' | 'en') => setConcordance({ text, language }), []);
  const qa = useWorkspaceQa(documentId, projectId, rows, cover);
  const [qaOpen, setQaOpen] = useState(false);
  const [showPinyin, setShowPinyin] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const openShortcuts = useCallback(() => setShortcutsOpen(true), []);
  useShortcutsKey(openShortcuts);
  const glossaryTerms = useMemo(() => qa.glossaryEntries?.map((e) => ({ id: e.id, zh: e.zh, en: e.en, forbidden: e.forbidden })), [qa.glossaryEntries]);
  const goToRow = useCallback(
    (rowId: string) => {
      const index = rows.findIndex((r) => r.id === rowId);
      if (index < 0) return;
      setQaOpen(false);
      virtualizer.scrollToIndex(index, { align: 'start' });
      // The row mounts once scrolled to: focus it then, so keyboard users land on it.
      requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(`row-${rowId}`)?.focus()));
    },
    [rows, virtualizer],
  );

  /** "Go to paragraph": scrolls to the row (the one a merged paragraph belongs to) and focuses it. */
  const goToIndex = useCallback(
    (index: number) => {
      let at = index;
      while (at > 0 && rows[at] && cover.coveredIds.has(rows[at]!.id)) at--;
      const row = rows[at];
      if (row) goToRow(row.id);
      else virtualizer.scrollToIndex(index, { align: 'start' });
    },
    [rows, cover, goToRow, virtualizer],
  );

  // Find in the document (Ctrl+F): every loaded row, Chinese and English; the current match is scrolled to.
  const [find, setFind] = useState<{ open: boolean; query: string; current: number }>(() => ({
    open: !!initialFind,
    query: initialFind ?? '',
    current: 0,
  }));
  const findInput = useRef<HTMLInputElement>(null);
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

  const stepFind = useCallback(
    (delta: 1 | -1) => setFind((f) => ({ ...f, current: matches.length ? (Math.max(current, 0) + delta + matches.length) % matches.length : 0 })),
    [matches.length, current],
  );
  const openFind = useCallback(() => {
    setFind((f) => ({ ...f, open: true }));
    // The bar may not be mounted yet: focus it once it is.
    requestAnimationFrame(() => {
      findInput.current?.focus();
      findInput.current?.select();
    });
  }, []);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        openFind();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openFind]);

  const openComposer = useCallback((paragraphId: string, composer: Composer) => {
    setComposers((m) => new Map(m).set(paragraphId, composer));
    setSelection(null);
  }, [setSelection]);
  const closeComposer = useCallback((paragraphId: string) => {
    setComposers((m) => {
      const next = new Map(m);
      next.delete(paragraphId);
      return next;
    });
  }, []);

  const context = useMemo<WorkspaceContextValue>(
    () => ({
      documentId,
      projectId,
      user,
      canTranslate,
      canAnnotate,
      canReview,
      profiles,
      activate,
      move,
      leave,
      openComposer,
      closeComposer,
      openConcordance,
      glossary: qa.glossary,
      qaElsewhere: qa.elsewhere,
      qaIgnores: qa.ignores,
      ignoreFinding: qa.ignoreFinding,
      unignoreFinding: qa.unignoreFinding,
      showPinyin,
    }),
    [
      documentId, projectId, user, canTranslate, canAnnotate, canReview, profiles, activate, move, leave, openComposer, closeComposer, openConcordance,
      qa.glossary, qa.elsewhere, qa.ignores, qa.ignoreFinding, qa.unignoreFinding, showPinyin,
    ],
  );

  const items = virtualizer.getVirtualItems();

  return (
    <WorkspaceContext.Provider value={context}>
      <div className="doc-toolbar">
        <GoToRow count={count} onGoTo={goToIndex} />
        {toolbar}
        <label className="checkbox field-inline">
          <input type="checkbox" checked={showPinyin} onChange={(e) => setShowPinyin(e.target.checked)} /> {t('reading.showPinyin')}
        </label>
        <button type="button" className="button button-small" aria-label={t('qa.panel.openLabel')} aria-haspopup="dialog" onClick={() => setQaOpen(true)}>
          {t('qa.panel.open')}
        </button>
        <button type="button" className="button button-small" aria-keyshortcuts="Control+F" title="Ctrl+F" onClick={openFind}>
          {t('find.open')}
        </button>
        <button type="button" className="button button-small" aria-haspopup="dialog" aria-keyshortcuts="?" title="?" onClick={openShortcuts}>
          {t('shortcuts.open.button')}
        </button>
      </div>
      {find.open ? (
        <FindBar
          query={find.query}
          onQuery={(query) => setFind((f) => ({ ...f, query, current: 0 }))}
          total={matches.length}
          current={Math.max(current, 0)}
          onStep={stepFind}
          onClose={() => setFind((f) => ({ ...f, open: false }))}
          partialRows={loadingMore ? rows.length : undefined}
          inputRef={findInput}
        />
      ) : null}
      <div className="grid-head" aria-hidden="true">
        <div className="cell cell-number">¶</div>
        <div className="cell" lang="zh-CN">
          {t('workspace.col.source')}
        </div>
        <div className="cell">{t('workspace.col.translation')}</div>
        <div className="cell">{t('workspace.col.notes')}</div>
      </div>
      <div className="grid-scroll" ref={scrollRef} data-testid="workspace-scroll" aria-busy={loadingMore}>
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
                    englishSelection={englishSelection?.paragraphId === paragraph.id ? englishSelection.text : null}
                    find={finds.get(paragraph.id)}
                  />
                ) : (
                  <div className="row row-loading" aria-busy="true">
                    <div className="cell cell-number">{item.index + 1}</div>
                    <div className="cell">
                      <span className="skeleton" />
                    </div>
                    <div className="cell">
                      <span className="skeleton" />
                    </div>
                    <div className="cell" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {qaOpen ? (
        <DocumentQa
          rows={qa.documentRows}
          glossary={glossaryTerms}
          ignores={qa.ignores}
          partial={loadingMore}
          onGoTo={goToRow}
          onClose={() => setQaOpen(false)}
        />
      ) : null}
      {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
      {concordance && projectId ? (
        <ConcordanceDialog projectId={projectId} text={concordance.text} language={concordance.language} onClose={() => setConcordance(null)} />
      ) : null}
    </WorkspaceContext.Provider>
  );
}
