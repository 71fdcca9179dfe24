// The alignment editor: the proposed rows (virtualised, so 10,000 stay fast), the tools and their
// keyboard shortcuts, undo/redo, re-aligning around confirmed rows, and applying the result.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CHECK_BELOW, type AlignRow } from '../../domain/align/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import type { AlignWorkerClient } from '../../workers/align-client.ts';
import { AlignmentRowView, type ChineseParagraph } from './alignment-row.tsx';
import { AlignmentToolbar, KeyboardHelp } from './alignment-toolbar.tsx';
import { commandForKey } from './commands.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { describeApplyError, useAlignmentApply } from './use-alignment-apply.ts';
import { useAlignmentEditing } from './use-alignment-editing.ts';

function estimateRowHeight(row: AlignRow | undefined, zh: readonly ChineseParagraph[], en: readonly string[]): number {
  if (!row) return 80;
  const zhLines = row.zh.reduce((n, i) => n + Math.ceil((zh[i]?.text.length ?? 0) / 26), 0);
  const enLines = row.en.reduce((n, i) => n + Math.ceil((en[i]?.length ?? 0) / 60), 0);
  return Math.max(64, Math.max(zhLines * 27, enLines * 24, 3 * 20) + 28);
}

function isTextInput(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface AlignmentEditorProps {
  documentId: string;
  zh: readonly ChineseParagraph[];
  en: readonly string[];
  initialRows: readonly AlignRow[];
  client: AlignWorkerClient;
  /** Existing English by paragraph id, for the overwrite question. */
  existing: ReadonlyMap<string, string>;
}

export function AlignmentEditor({ documentId, zh, en, initialRows, client, existing }: AlignmentEditorProps) {
  const t = useT();
  const [notice, setNotice] = useState<string | null>(null);
  const rowsRef = useRef<readonly AlignRow[]>(initialRows);
  const applying = useAlignmentApply({ documentId, zh, en, existing, getRows: () => rowsRef.current, setNotice });
  const editing = useAlignmentEditing({ zh, en, initialRows, client, setNotice, onEdit: applying.forgetApplied });
  const { rows, selected, summary, realigning, run, focusRequested } = editing;
  rowsRef.current = rows;
  const apply = applying.mutation;
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRowHeight(rowsRef.current[i], zh, en),
    overscan: 3,
  });

  // After a command the selected row is brought into view and focused once it is rendered.
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
  }, [selected, editing.history, virtualizer, focusRequested]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (isTextInput(event.target)) return;
    const command = commandForKey(event);
    if (!command) return;
    // A focused button's own Enter and Space stay its own.
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    event.preventDefault();
    run(command);
  }

  const items = virtualizer.getVirtualItems();

  return (
    <section className="align-editor" aria-label={t('align.editor')} onKeyDown={onKeyDown}>
      <AlignmentToolbar selectedConfirmed={rows[selected]?.confirmed ?? false} enabled={editing.enabled} run={run} />

      <div className="align-status-bar">
        <p className="align-summary small">
          {t('align.summary', { rows: rows.length, check: summary.check, confirmed: summary.confirmed, zh: zh.length, en: en.length })}
        </p>
        <p className="align-check-rule small muted">{t('align.checkRule', { percent: Math.round(CHECK_BELOW * 100) })}</p>
        <p className="align-notice small" role="status" aria-live="polite">
          {notice ?? ''}
        </p>
        <KeyboardHelp />
      </div>

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
                  conflict={applying.conflictRows.has(item.index)}
                  onSelect={editing.select}
                />
              </div>
            );
          })}
        </div>
      </div>

      <div className="align-apply">
        <p className="small">
          {t('align.applyPlan', { rows: summary.writable })}
          {summary.unmatchedEnglish > 0 ? ` ${t('align.applyUnmatched', { count: summary.unmatchedEnglish })}` : ''}
        </p>
        {/* aria-disabled keeps the focus on the button while the request runs. */}
        <button type="button" className="button button-primary" aria-disabled={apply.isPending || realigning} onClick={() => applying.start(realigning)}>
          {apply.isPending ? t('align.applying') : t('align.apply')}
        </button>
        {applying.applied ? (
          <p className="form-success" role="status">
            {t('align.applied', { written: applying.applied.result.written, rows: applying.applied.sent })}{' '}
            <Link to={`/documents/${documentId}`}>{t('align.openWorkspace')}</Link>
          </p>
        ) : null}
        {apply.isError ? (
          <p className="form-error" role="alert">
            {describeApplyError(t, apply.error)}
          </p>
        ) : null}
      </div>

      {applying.conflicts ? (
        <ConflictDialog
          rows={applying.conflicts}
          busy={apply.isPending}
          onOverwrite={applying.overwrite}
          onSkip={applying.skipConflicts}
          onCancel={applying.cancel}
        />
      ) : null}
    </section>
  );
}
