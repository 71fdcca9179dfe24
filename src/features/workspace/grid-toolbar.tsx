// The bar above the workspace grid (go to a row, the page's own controls, pinyin, checks, find,
// shortcuts) and the grid's column heads.
import { useCallback, useRef, type ReactNode } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Paragraph } from '../../data/paragraphs.ts';
import { useT } from '../../i18n/i18n.tsx';
import { GoToRow } from './go-to-row.tsx';
import { ColumnResizer } from './column-resizer.tsx';
import type { ColumnWidths } from './use-workspace-layout.ts';

interface GridToolbarProps {
  count: number;
  onGoTo: (index: number) => void;
  /** Controls the page adds (filters, save state). */
  toolbar: ReactNode;
  showPinyin: boolean;
  onShowPinyin: (show: boolean) => void;
  onOpenQa: () => void;
  onOpenFind: () => void;
  onOpenShortcuts: () => void;
  showNotes: boolean;
  onShowNotes: (show: boolean) => void;
  reading: boolean;
  onReading: (reading: boolean) => void;
}

export function GridToolbar(props: GridToolbarProps) {
  const { count, onGoTo, toolbar, showPinyin, onShowPinyin, onOpenQa, onOpenFind, onOpenShortcuts, showNotes, onShowNotes, reading, onReading } = props;
  const t = useT();
  return (
    <div className="doc-toolbar">
      <GoToRow count={count} onGoTo={onGoTo} />
      {toolbar}
      <label className="checkbox field-inline">
        <input type="checkbox" checked={showPinyin} onChange={(e) => onShowPinyin(e.target.checked)} /> {t('reading.showPinyin')}
      </label>
      <label className="checkbox field-inline">
        <input type="checkbox" checked={showNotes && !reading} disabled={reading} onChange={(e) => onShowNotes(e.target.checked)} /> {t('layout.showNotes')}
      </label>
      <label className="checkbox field-inline" title={t('layout.reading.hint')}>
        <input type="checkbox" checked={reading} onChange={(e) => onReading(e.target.checked)} /> {t('layout.reading')}
      </label>
      <button type="button" className="button button-small" aria-label={t('qa.panel.openLabel')} aria-haspopup="dialog" onClick={onOpenQa}>
        {t('qa.panel.open')}
      </button>
      <button type="button" className="button button-small" aria-keyshortcuts="Control+F" title="Ctrl+F" onClick={onOpenFind}>
        {t('find.open')}
      </button>
      <button type="button" className="button button-small" aria-haspopup="dialog" aria-keyshortcuts="?" title="?" onClick={onOpenShortcuts}>
        {t('shortcuts.open.button')}
      </button>
    </div>
  );
}

interface GridHeadProps {
  columns: ColumnWidths;
  onResize: (left: 'zh' | 'en', delta: number) => void;
  /** The notes column shows (else the notes are in a sheet, or hidden). */
  withNotes: boolean;
}

/** The column heads, with the handles that resize the columns between them. */
export function GridHead({ columns, onResize, withNotes }: GridHeadProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  // Percent of the shares per pixel: the shares of the text columns over their width on screen.
  const percentPerPixel = useCallback(() => {
    const cells = [...(ref.current?.querySelectorAll<HTMLElement>('.cell-text') ?? [])];
    const width = cells.reduce((sum, c) => sum + c.getBoundingClientRect().width, 0);
    const shares = columns.zh + columns.en + (withNotes ? columns.notes : 0);
    return width > 0 ? shares / width : 0;
  }, [columns, withNotes]);
  return (
    <div className="grid-head" ref={ref}>
      <div className="cell cell-number" aria-hidden="true">
        ¶
      </div>
      <div className="cell cell-text">
        <span aria-hidden="true" lang="zh-CN">
          {t('workspace.col.source')}
        </span>
        <ColumnResizer left="zh" columns={columns} onResize={onResize} percentPerPixel={percentPerPixel} />
      </div>
      <div className="cell cell-text">
        <span aria-hidden="true">{t('workspace.col.translation')}</span>
        {withNotes ? <ColumnResizer left="en" columns={columns} onResize={onResize} percentPerPixel={percentPerPixel} /> : null}
      </div>
      {withNotes ? (
        <div className="cell cell-text">
          <span aria-hidden="true">{t('workspace.col.notes')}</span>
        </div>
      ) : null}
    </div>
  );
}

/** "Go to paragraph": scrolls to the row (the one a merged paragraph belongs to) and focuses it. */
export function useGoToIndex(
  rows: readonly Paragraph[],
  cover: { coveredIds: ReadonlySet<string> },
  goToRow: (id: string) => void,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
) {
  return useCallback(
    (index: number) => {
      let at = index;
      while (at > 0 && rows[at] && cover.coveredIds.has(rows[at]!.id)) at--;
      const row = rows[at];
      if (row) goToRow(row.id);
      else virtualizer.scrollToIndex(index, { align: 'start' });
    },
    [rows, cover, goToRow, virtualizer],
  );
}
