// The alignment editor: the proposed rows (virtualised, so 10,000 stay fast), the tools and their
// keyboard shortcuts, undo/redo, re-aligning around confirmed rows, and applying the result.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import { toRows, type AlignRow } from '../../domain/align/index.ts';
import { useApplyAlignment, type AlignmentRowPayload, type ApplyAlignmentResult } from '../../data/alignment.ts';
import { errorKind, errorMessage, isAbortError } from '../../data/errors.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import type { AlignWorkerClient } from '../../workers/align-client.ts';
import { AlignmentRowView, type ChineseParagraph } from './alignment-row.tsx';
import { payloadWithout, rowsWithConflicts, toApplyPlan, type ApplyPlan } from './alignment-payload.ts';
import { canRun, commandForKey, moveSelection, needsCheck, runEdit, type Command, type EditCommand, type EditorState } from './commands.ts';
import { ConflictDialog, type ConflictRow } from './conflict-dialog.tsx';
import { canRedo, canUndo, createHistory, push, redo, replace, undo, type History } from './history.ts';

interface Tool {
  command: EditCommand | 'realign' | 'undo' | 'redo' | 'nextToCheck';
  label: MessageKey;
  keys: string;
  /** aria-keyshortcuts value. */
  aria: string;
}

const TOOLS: Tool[][] = [
  [
    { command: 'undo', label: 'align.tool.undo', keys: 'Ctrl+Z', aria: 'Control+Z' },
    { command: 'redo', label: 'align.tool.redo', keys: 'Ctrl+Shift+Z', aria: 'Control+Shift+Z' },
  ],
  [
    { command: 'merge', label: 'align.tool.merge', keys: 'M', aria: 'M' },
    { command: 'split', label: 'align.tool.split', keys: 'S', aria: 'S' },
    { command: 'shiftUp', label: 'align.tool.shiftUp', keys: 'Alt+↑', aria: 'Alt+ArrowUp' },
    { command: 'shiftDown', label: 'align.tool.shiftDown', keys: 'Alt+↓', aria: 'Alt+ArrowDown' },
    { command: 'shiftUpZh', label: 'align.tool.shiftUpZh', keys: 'Alt+Shift+↑', aria: 'Alt+Shift+ArrowUp' },
    { command: 'shiftDownZh', label: 'align.tool.shiftDownZh', keys: 'Alt+Shift+↓', aria: 'Alt+Shift+ArrowDown' },
    { command: 'unmatch', label: 'align.tool.unmatch', keys: 'U', aria: 'U' },
  ],
  [
    { command: 'confirm', label: 'align.tool.confirm', keys: 'Enter', aria: 'Enter' },
    { command: 'confirmAbove', label: 'align.tool.confirmAbove', keys: 'Shift+Enter', aria: 'Shift+Enter' },
    { command: 'realign', label: 'align.tool.realign', keys: 'R', aria: 'R' },
    { command: 'nextToCheck', label: 'align.tool.nextToCheck', keys: 'N', aria: 'N' },
  ],
];

const MOVE_KEYS: { keys: string; label: MessageKey }[] = [
  { keys: '↑ / ↓', label: 'align.keys.move' },
  { keys: 'Home / End', label: 'align.keys.ends' },
];

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

function describeApplyError(t: Translate, error: unknown): string {
  switch (errorKind(error)) {
    case 'network':
      return t('align.error.network');
    case 'forbidden':
      return t('align.error.forbidden');
    case 'not-found':
      return t('align.error.notFound');
    case 'invalid':
      return t('align.error.invalid', { message: errorMessage(error) });
    default:
      return t('align.error.other', { message: errorMessage(error) });
  }
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

interface Conflicts {
  plan: ApplyPlan;
  rows: number[];
}

export function AlignmentEditor({ documentId, zh, en, initialRows, client, existing }: AlignmentEditorProps) {
  const t = useT();
  const [history, setHistory] = useState<History<EditorState>>(() => createHistory({ rows: initialRows, selected: 0 }));
  const [realigning, setRealigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<Conflicts | null>(null);
  const [applied, setApplied] = useState<{ result: ApplyAlignmentResult; sent: number } | null>(null);
  const apply = useApplyAlignment(documentId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusRow = useRef(false);
  const state = history.present;
  const { rows, selected } = state;

  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRowHeight(rowsRef.current[i], zh, en),
    overscan: 3,
  });

  const conflictRows = useMemo(() => new Set(conflicts?.rows ?? []), [conflicts]);
  // Counts only: the payload itself is built when Apply is pressed, not on every edit.
  const summary = useMemo(() => {
    let confirmed = 0;
    let check = 0;
    let writable = 0;
    let unmatchedEnglish = 0;
    for (const row of rows) {
      if (row.confirmed) confirmed++;
      else if (needsCheck(row)) check++;
      if (row.zh.length > 0 && row.en.length > 0) writable++;
      else if (row.zh.length === 0) unmatchedEnglish += row.en.length;
    }
    return { confirmed, check, writable, unmatchedEnglish };
  }, [rows]);

  const select = useCallback((index: number) => {
    setHistory((h) => (h.present.selected === index ? h : replace(h, { ...h.present, selected: index })));
  }, []);

  // After a command the selected row is brought into view and focused once it is rendered.
  useEffect(() => {
    if (!focusRow.current) return;
    focusRow.current = false;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
    let tries = 0;
    const focus = () => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${selected}"]`);
      if (el) el.focus({ preventScroll: true });
      else if (tries++ < 5) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  }, [selected, history, virtualizer]);

  const realign = useCallback(async () => {
    setRealigning(true);
    setNotice(t('align.notice.realigning'));
    try {
      const confirmed = rowsRef.current.filter((r) => r.confirmed).map((r) => ({ zh: [...r.zh], en: [...r.en] }));
      const result = await client.align(
        zh.map((p) => p.text),
        en,
        { confirmed },
      );
      const next = toRows(result.links, confirmed);
      setHistory((h) => push(h, { rows: next, selected: Math.min(h.present.selected, next.length - 1) }));
      setNotice(t('align.notice.realigned', { count: confirmed.length }));
    } catch (e) {
      if (!isAbortError(e)) setNotice(t('align.error.align', { message: errorMessage(e) }));
    } finally {
      setRealigning(false);
    }
  }, [client, en, t, zh]);

  const run = useCallback(
    (command: Command) => {
      if (realigning) return;
      // Tools act on the selected row and hand the focus back to it, so shortcuts keep working
      // (and a tool that becomes disabled does not drop the focus on the page).
      focusRow.current = true;
      switch (command) {
        case 'undo':
          setHistory(undo);
          setNotice(null);
          return;
        case 'redo':
          setHistory(redo);
          setNotice(null);
          return;
        case 'realign':
          void realign();
          return;
        case 'prev':
        case 'next':
        case 'first':
        case 'last':
        case 'nextToCheck':
          select(moveSelection(history.present, command));
          return;
        default:
          if (!canRun(history.present, command)) {
            setNotice(t('align.notice.notPossible'));
            return;
          }
          setHistory((h) => push(h, runEdit(h.present, command)));
          setNotice(null);
          setApplied(null);
      }
    },
    [history.present, realign, realigning, select, t],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (isTextInput(event.target)) return;
    const command = commandForKey(event);
    if (!command) return;
    // A focused button's own Enter and Space stay its own.
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    event.preventDefault();
    run(command);
  }

  function enabled(command: Tool['command']): boolean {
    if (realigning) return false;
    if (command === 'undo') return canUndo(history);
    if (command === 'redo') return canRedo(history);
    if (command === 'realign') return true;
    if (command === 'nextToCheck') return summary.check > 0;
    return canRun(state, command);
  }

  function send(plan: ApplyPlan, payload: AlignmentRowPayload[], overwrite: boolean) {
    if (payload.length === 0) {
      setConflicts(null);
      setNotice(t('align.notice.nothingToApply'));
      return;
    }
    apply.mutate(
      { rows: payload, overwrite },
      {
        onSuccess: (result) => {
          if (result.applied) {
            setConflicts(null);
            setApplied({ result, sent: payload.length });
          } else {
            setConflicts({ plan, rows: rowsWithConflicts(rowsRef.current, zh, result.conflicts) });
          }
        },
      },
    );
  }

  function startApply() {
    if (apply.isPending || realigning) return;
    setApplied(null);
    const plan = toApplyPlan(rows, zh, en);
    send(plan, plan.rows, false);
  }

  const conflictList: ConflictRow[] = (conflicts?.rows ?? []).map((index) => {
    const row = rows[index]!;
    const paragraphs = row.zh.map((i) => zh[i]!);
    return {
      index,
      positions: paragraphs.map((p) => p.position),
      existing: paragraphs.map((p) => existing.get(p.id) ?? '').filter((s) => s.trim() !== ''),
      proposed: row.en.map((i) => en[i] ?? '').join(' '),
    };
  });

  const items = virtualizer.getVirtualItems();
  const selectedRow = rows[selected];

  return (
    <section className="align-editor" aria-label={t('align.editor')} onKeyDown={onKeyDown}>
      <div className="align-toolbar" role="toolbar" aria-label={t('align.tools')}>
        {TOOLS.map((group, g) => (
          <div key={g} className="align-tool-group">
            {group.map((tool) => {
              const label = tool.command === 'confirm' && selectedRow?.confirmed ? t('align.tool.unconfirm') : t(tool.label);
              return (
                <button
                  key={tool.command}
                  type="button"
                  className="button button-small align-tool"
                  disabled={!enabled(tool.command)}
                  aria-keyshortcuts={tool.aria}
                  title={`${label} (${tool.keys})`}
                  onClick={() => run(tool.command)}
                >
                  {label}
                  <kbd aria-hidden="true">{tool.keys}</kbd>
                </button>
              );
            })}
          </div>
        ))}
      </div>

      <div className="align-status-bar">
        <p className="align-summary small">
          {t('align.summary', { rows: rows.length, check: summary.check, confirmed: summary.confirmed, zh: zh.length, en: en.length })}
        </p>
        <p className="align-notice small" role="status" aria-live="polite">
          {notice ?? ''}
        </p>
        <details className="align-keys">
          <summary>{t('align.keys.title')}</summary>
          <dl>
            {TOOLS.flat().map((tool) => (
              <div key={tool.command}>
                <dt>
                  <kbd>{tool.keys}</kbd>
                </dt>
                <dd>{t(tool.label)}</dd>
              </div>
            ))}
            {MOVE_KEYS.map((k) => (
              <div key={k.keys}>
                <dt>
                  <kbd>{k.keys}</kbd>
                </dt>
                <dd>{t(k.label)}</dd>
              </div>
            ))}
          </dl>
        </details>
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
                  conflict={conflictRows.has(item.index)}
                  onSelect={select}
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
        <button type="button" className="button button-primary" aria-disabled={apply.isPending || realigning} onClick={startApply}>
          {apply.isPending ? t('align.applying') : t('align.apply')}
        </button>
        {applied ? (
          <p className="form-success" role="status">
            {t('align.applied', { written: applied.result.written, rows: applied.sent })}{' '}
            <Link to={`/documents/${documentId}`}>{t('align.openWorkspace')}</Link>
          </p>
        ) : null}
        {apply.isError ? (
          <p className="form-error" role="alert">
            {describeApplyError(t, apply.error)}
          </p>
        ) : null}
      </div>

      {conflicts ? (
        <ConflictDialog
          rows={conflictList}
          busy={apply.isPending}
          onOverwrite={() => send(conflicts.plan, conflicts.plan.rows, true)}
          onSkip={() => send(conflicts.plan, payloadWithout(conflicts.plan, conflicts.rows), false)}
          onCancel={() => setConflicts(null)}
        />
      ) : null}
    </section>
  );
}
