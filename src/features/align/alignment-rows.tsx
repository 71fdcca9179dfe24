// The column heads and the proposed rows, virtualised so 10,000 stay fast. After a command the selected row is brought
// into view and focused once it is rendered.
import { useCallback, useEffect, useRef, type MutableRefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { AlignRow } from '../../domain/align/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { AlignmentRowView, type ChineseParagraph } from './alignment-row.tsx';
import type { AlignState } from './commands.ts';
import type { History } from './history.ts';

/**
 * A row's height before it is measured, from its text lengths. The virtualiser asks for every row
 * whenever the rows change (10,000 after aligning a long document), so this stays a plain loop.
 */
function estimateRowHeight(row: AlignRow | undefined, zh: readonly ChineseParagraph[], en: readonly string[]): number {
  if (!row) return 80;
  let zhLines = 0;
  for (let k = 0; k < row.zh.length; k++) zhLines += Math.ceil((zh[row.zh[k]!]?.text.length ?? 0) / 26);
  let enLines = 0;
  for (let k = 0; k < row.en.length; k++) enLines += Math.ceil((en[row.en[k]!]?.length ?? 0) / 60);
  return Math.max(64, Math.max(zhLines * 27, enLines * 24, 3 * 20) + 28);
}

interface AlignmentRowsProps {
  zh: readonly ChineseParagraph[];
  /** The editor's current state, read when row heights are estimated. */
  stateRef: MutableRefObject<AlignState>;
  rows: readonly AlignRow[];
  en: readonly string[];
  selected: number;
  history: History<AlignState>;
  /** Set by a command that wants the selected row in view and focused. */
  focusRequested: MutableRefObject<boolean>;
  realigning: boolean;
  conflictRows: ReadonlySet<number>;
  onSelect: (index: number) => void;
}

export function AlignmentRows({ zh, stateRef, rows, en, selected, history, focusRequested, realigning, conflictRows, onSelect }: AlignmentRowsProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);

  // The selected row stays rendered when it scrolls out of view, so it keeps the focus and the
  // shortcuts keep acting on it.
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const rangeExtractor = useCallback((range: Range) => {
    const indices = defaultRangeExtractor(range);
    const keep = selectedRef.current;
    if (keep < range.count && !indices.includes(keep)) {
      indices.push(keep);
      indices.sort((a, b) => a - b);
    }
    return indices;
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRowHeight(stateRef.current.rows[i], zh, stateRef.current.en),
    overscan: 3,
    rangeExtractor,
  });

  useEffect(() => {
    if (!focusRequested.current) return;
    focusRequested.current = false;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
    let tries = 0;
    const focus = () => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${selected}"]`);
      if (el) el.focus({ preventScroll: true });
      else if (tries++ < 5) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }, [selected, history, virtualizer, focusRequested]);

  const items = virtualizer.getVirtualItems();

  return (
    <>
      <div className="align-head" aria-hidden="true">
        <div className="align-cell">#</div>
        <div className="align-cell" lang="zh-CN">
          {t('align.col.zh')}
        </div>
        <div className="align-cell">{t('align.col.en')}</div>
        <div className="align-cell">{t('align.col.why')}</div>
      </div>
      <div className="align-scroll" ref={scrollRef} aria-busy={realigning || undefined}>
        <div className="align-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="align-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <AlignmentRowView
                  row={row}
                  index={item.index}
                  zh={zh}
                  en={en}
                  selected={item.index === selected}
                  conflict={conflictRows.has(item.index)}
                  onSelect={onSelect}
                />
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
