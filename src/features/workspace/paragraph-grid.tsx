// The virtualised grid of aligned rows. Only the rows in view (plus a margin) are in the DOM,
// each measured after render so rows of any height line up; one row at a time holds an editor.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Paragraph } from '../../data/paragraphs.ts';
import type { Annotation } from '../../data/annotations.ts';
import type { SessionUser } from '../../data/auth.ts';
import type { Profile } from '../../data/profiles.ts';
import { describeUtf16Range, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ParagraphRow } from './paragraph-row.tsx';
import { spanCover } from './span-cover.ts';
import { readSourceSelection } from './selection.ts';
import { WorkspaceContext, type Composer, type WorkspaceContextValue } from './workspace-context.ts';

interface ParagraphGridProps {
  documentId: string;
  user: SessionUser;
  rows: Paragraph[];
  /** Rows in the document, including pages not loaded yet. */
  total: number;
  notesByParagraph: Map<string, Annotation[]>;
  canTranslate: boolean;
  canAnnotate: boolean;
  profiles: Map<string, Profile>;
  /** Controls shown in the toolbar above the grid (filters, save state). */
  toolbar: ReactNode;
  /** More pages of rows are still arriving. */
  loadingMore?: boolean;
}

const NO_NOTES: Annotation[] = [];

/** A first guess of a row's height from its text length; measured heights replace it. */
function estimateHeight(p: Paragraph | undefined): number {
  if (!p) return 96;
  if (p.kind === 'heading') return 72;
  const lines = Math.ceil(p.text.length / 24);
  return Math.max(88, lines * 30 + 56);
}

export function ParagraphGrid({ documentId, user, rows, total, notesByParagraph, canTranslate, canAnnotate, profiles, toolbar, loadingMore = false }: ParagraphGridProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<{ id: string; focus: boolean } | null>(null);
  const [composers, setComposers] = useState<Map<string, Composer>>(() => new Map());
  const [selection, setSelection] = useState<{ paragraphId: string; selectors: TextAnchorSelectors } | null>(null);

  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const byId = useMemo(() => new Map(rows.map((p) => [p.id, p])), [rows]);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;
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
  const virtualizer = useVirtualizer({
    count: Math.max(total, rows.length),
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimatesRef.current[i] ?? estimateHeight(undefined),
    // Stable identity: a new function here would make the virtualiser re-measure all rows on every render.
    getItemKey,
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

  const openComposer = useCallback((paragraphId: string, composer: Composer) => {
    setComposers((m) => new Map(m).set(paragraphId, composer));
    setSelection(null);
  }, []);
  const closeComposer = useCallback((paragraphId: string) => {
    setComposers((m) => {
      const next = new Map(m);
      next.delete(paragraphId);
      return next;
    });
  }, []);

  const context = useMemo<WorkspaceContextValue>(
    () => ({ documentId, user, canTranslate, canAnnotate, profiles, activate, move, openComposer, closeComposer }),
    [documentId, user, canTranslate, canAnnotate, profiles, activate, move, openComposer, closeComposer],
  );

  // A selection inside one source paragraph offers "Add note to selection" on that row.
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const selected = readSourceSelection(window.getSelection());
        if (!selected) {
          setSelection((s) => (s === null ? s : null));
          return;
        }
        const paragraph = byIdRef.current.get(selected.paragraphId);
        const selectors = paragraph ? describeUtf16Range(paragraph.text, selected.start, selected.end) : null;
        setSelection(selectors ? { paragraphId: selected.paragraphId, selectors } : null);
      });
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
    };
  }, []);

  const items = virtualizer.getVirtualItems();
  const count = Math.max(total, rows.length);
  const [goTo, setGoTo] = useState('');

  function onGoTo(event: FormEvent) {
    event.preventDefault();
    const n = Number.parseInt(goTo, 10);
    if (!Number.isFinite(n) || count === 0) return;
    virtualizer.scrollToIndex(Math.min(Math.max(n, 1), count) - 1, { align: 'start' });
  }

  return (
    <WorkspaceContext.Provider value={context}>
      <div className="doc-toolbar">
        <form className="go-to" onSubmit={onGoTo}>
          <label className="field-inline">
            <span>{t('workspace.goTo')}</span>
            <input type="number" inputMode="numeric" min={1} max={count} value={goTo} onChange={(e) => setGoTo(e.target.value)} />
          </label>
          <button type="submit" className="button button-small">
            {t('workspace.goToButton')}
          </button>
        </form>
        {toolbar}
      </div>
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
                    notes={mergedNotes.get(paragraph.id) ?? notesByParagraph.get(paragraph.id) ?? NO_NOTES}
                    isActive={active?.id === paragraph.id}
                    autoFocus={active?.id === paragraph.id && active.focus}
                    composer={composers.get(paragraph.id)}
                    selection={selection?.paragraphId === paragraph.id ? selection.selectors : null}
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
    </WorkspaceContext.Provider>
  );
}
