// The bar above the workspace grid (go to a row, the page's own controls, pinyin, checks, find,
// shortcuts) and the grid's column heads.
import { useCallback, type ReactNode } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Paragraph } from '../../data/paragraphs.ts';
import { useT } from '../../i18n/i18n.tsx';
import { GoToRow } from './go-to-row.tsx';

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
}

export function GridToolbar({ count, onGoTo, toolbar, showPinyin, onShowPinyin, onOpenQa, onOpenFind, onOpenShortcuts }: GridToolbarProps) {
  const t = useT();
  return (
    <div className="doc-toolbar">
      <GoToRow count={count} onGoTo={onGoTo} />
      {toolbar}
      <label className="checkbox field-inline">
        <input type="checkbox" checked={showPinyin} onChange={(e) => onShowPinyin(e.target.checked)} /> {t('reading.showPinyin')}
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

export function GridHead() {
  const t = useT();
  return (
    <div className="grid-head" aria-hidden="true">
      <div className="cell cell-number">¶</div>
      <div className="cell" lang="zh-CN">
        {t('workspace.col.source')}
      </div>
      <div className="cell">{t('workspace.col.translation')}</div>
      <div className="cell">{t('workspace.col.notes')}</div>
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
