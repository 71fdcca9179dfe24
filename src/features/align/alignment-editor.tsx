// The alignment editor: the proposed rows (virtualised, so 10,000 stay fast), the tools and their
// keyboard shortcuts, undo/redo, re-aligning around confirmed rows, and applying the result.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { CHECK_BELOW, englishCut, splitEnglishParagraph, type AlignRow, type GlossaryTerm, type TextPair } from '../../domain/align/index.ts';
import { useMarkAlignmentTranslated } from '../../data/alignment.ts';
import { errorMessage } from '../../data/errors.ts';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { useI18n, useT } from '../../i18n/i18n.tsx';
import type { AlignWorkerClient } from '../../workers/align-client.ts';
import { AlignmentRowView, type ChineseParagraph } from './alignment-row.tsx';
import { AlignmentToolbar, KeyboardHelp } from './alignment-toolbar.tsx';
import { commandForKey, needsCheck, type AlignState, type Command } from './commands.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { SplitEnglishDialog } from './split-english-dialog.tsx';
import type { History } from './history.ts';
import { useAlignDraft } from './use-align-draft.ts';
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
  userId: string;
  zh: readonly ChineseParagraph[];
  /** A fresh alignment, or the draft the user left. */
  initialHistory: History<AlignState>;
  /** When the draft being continued was saved (null for a fresh alignment). */
  restoredAt: Date | null;
  client: AlignWorkerClient;
  /** Pairs people confirmed in the project, for re-aligning. */
  confirmedPairs: readonly TextPair[];
  /** The project's glossary terms, anchors for re-aligning. */
  glossary?: readonly GlossaryTerm[];
  /** Existing English by paragraph id, for the overwrite question. */
  existing: ReadonlyMap<string, string>;
  /** Deletes the draft and closes the editor. */
  onDiscard: () => void;
}

const formatTime = (date: Date, locale: string) => date.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });

/** The first row still to check, from the top. */
function firstToCheck(rows: readonly AlignRow[]): number {
  return rows.findIndex((row) => needsCheck(row));
}

export function AlignmentEditor({ documentId, userId, zh, initialHistory, restoredAt, client, confirmedPairs, glossary, existing, onDiscard }: AlignmentEditorProps) {
  const t = useT();
  const { locale } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<'check' | 'discard' | null>(null);
  const [splitting, setSplitting] = useState<{ paragraph: number; sentences: string[]; suggested: number; rowSplitAt: number | null } | null>(null);
  const onSplitEnglish = useCallback(
    (paragraph: number) => {
      const { rows: current, en: english, selected: at } = stateRef.current;
      const row = current[at];
      if (!row) return;
      // The sentences of the Chinese paragraphs the row joins say where the first one's English ends.
      const found = englishCut(
        row.zh.map((i) => zh[i]?.text ?? ''),
        english[paragraph] ?? '',
      );
      if (!found) return;
      setSplitting({ paragraph, sentences: found.sentences, suggested: found.cut, rowSplitAt: row.zh.length >= 2 ? (zh[row.zh[0]!]?.position ?? null) : null });
    },
    [zh],
  );
  const stateRef = useRef<AlignState>(initialHistory.present);
  const applying = useAlignmentApply({ documentId, zh, existing, getState: () => stateRef.current, setNotice });
  const editing = useAlignmentEditing({ zh, initialHistory, client, confirmedPairs, glossary, setNotice, onEdit: applying.forgetApplied, onSplitEnglish });
  const { rows, en, selected, summary, realigning, run, focusRequested } = editing;
  stateRef.current = editing.history.present;
  const apply = applying.mutation;
  const markTranslated = useMarkAlignmentTranslated(documentId);
  const scrollRef = useRef<HTMLDivElement>(null);

  // The work is kept until what is on screen has been applied.
  const applied = applying.applied !== null && applying.applied.state === editing.history.present;
  const zhIds = useRef(zh.map((p) => p.id)).current;
  const onSaveError = useCallback((e: unknown) => setNotice(t('align.draft.saveFailed', { message: errorMessage(e) })), [t]);
  const draft = useAlignDraft({ userId, documentId, zhIds, history: editing.history, applied, onSaveError });

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

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (isTextInput(event.target)) return;
    const command = commandForKey(event);
    if (!command) return;
    // A focused button's own Enter and Space stay its own.
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    event.preventDefault();
    run(command);
  }

  // Focus left on the page itself (a click on empty space, a row removed under it) still
  // reaches the editor: its shortcuts act on the selected row.
  const runRef = useRef<(command: Command) => void>(run);
  runRef.current = run;
  useEffect(() => {
    const onDocumentKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || document.activeElement !== document.body) return;
      if (document.querySelector('dialog[open]')) return;
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      runRef.current(command);
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, []);

  function goTo(index: number) {
    focusRequested.current = true;
    editing.select(index);
  }

  function startApply() {
    if (apply.isPending || realigning) return;
    if (summary.check > 0 && asking !== 'check') {
      setAsking('check');
      return;
    }
    setAsking(null);
    markTranslated.reset();
    applying.start(realigning);
  }

  const firstCheck = summary.check > 0 ? firstToCheck(rows) : -1;

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
        <div className="align-draft small">
          {applied ? (
            <span className="muted">{t('align.draft.none')}</span>
          ) : (
            <>
              <span className="muted">{restoredAt ? t('align.draft.restored', { time: formatTime(restoredAt, locale) }) : t('align.draft.saved')}</span>{' '}
              <button type="button" className="button button-small button-quiet" onClick={() => setAsking('discard')}>
                {t('align.draft.discard')}
              </button>
            </>
          )}
        </div>
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
        {firstCheck >= 0 ? (
          <p className="small align-apply-check">
            {t('align.applyCheck', { count: summary.check })}{' '}
            <button type="button" className="button button-small button-quiet" onClick={() => goTo(firstCheck)}>
              {t('align.applyCheckJump', { n: firstCheck + 1 })}
            </button>
          </p>
        ) : null}
        {/* aria-disabled keeps the focus on the button while the request runs. */}
        <button type="button" className="button button-primary" aria-disabled={apply.isPending || realigning} onClick={startApply}>
          {apply.isPending ? t('align.applying') : t('align.apply')}
        </button>
        {applying.applied ? (
          <div className="form-success" role="status">
            <p>
              {t('align.applied', { written: applying.applied.result.written, rows: applying.applied.sent })}{' '}
              <Link to={`/documents/${documentId}`}>{t('align.openWorkspace')}</Link>
            </p>
            {markTranslated.isSuccess ? (
              <p>{t('align.markedTranslated', markTranslated.data)}</p>
            ) : (
              <button
                type="button"
                className="button button-small"
                aria-disabled={markTranslated.isPending}
                onClick={() => {
                  if (!markTranslated.isPending && applying.applied) markTranslated.mutate(applying.applied.heads);
                }}
              >
                {markTranslated.isPending ? t('align.markingTranslated') : t('align.markTranslated')}
              </button>
            )}
          </div>
        ) : null}
        {markTranslated.isError ? (
          <p className="form-error" role="alert">
            {t('align.error.mark', { message: errorMessage(markTranslated.error) })}
          </p>
        ) : null}
        {apply.isError ? (
          <p className="form-error" role="alert">
            {describeApplyError(t, apply.error)}
          </p>
        ) : null}
      </div>

      {splitting ? (
        <SplitEnglishDialog
          {...splitting}
          onCancel={() => setSplitting(null)}
          onSplit={(cut) => {
            const state = stateRef.current;
            const next = splitEnglishParagraph(
              state.rows,
              state.en,
              splitting.paragraph,
              splitting.sentences.slice(0, cut).join(' '),
              splitting.sentences.slice(cut).join(' '),
            );
            setSplitting(null);
            editing.commit({ ...next, selected: state.selected });
          }}
        />
      ) : null}
      {asking === 'check' && firstCheck >= 0 ? (
        <ConfirmDialog
          title={t('align.checkFirst.title')}
          confirmLabel={t('align.checkFirst.apply')}
          onConfirm={startApply}
          onCancel={() => setAsking(null)}
        >
          <p>{t('align.checkFirst.lead', { count: summary.check })}</p>
          <p>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setAsking(null);
                goTo(firstCheck);
              }}
            >
              {t('align.checkFirst.jump', { n: firstCheck + 1 })}
            </button>
          </p>
        </ConfirmDialog>
      ) : null}
      {asking === 'discard' ? (
        <ConfirmDialog
          title={t('align.draft.discardTitle')}
          confirmLabel={t('align.draft.discard')}
          danger
          onConfirm={() => {
            setAsking(null);
            draft.cancel();
            onDiscard();
          }}
          onCancel={() => setAsking(null)}
        >
          {t('align.draft.discardLead')}
        </ConfirmDialog>
      ) : null}
      {draft.blocker.state === 'blocked' ? (
        <ConfirmDialog
          title={t('align.leave.title')}
          confirmLabel={t('align.leave.confirm')}
          onConfirm={() => {
            void draft.flush();
            draft.blocker.proceed?.();
          }}
          onCancel={() => draft.blocker.reset?.()}
        >
          {t('align.leave.lead')}
        </ConfirmDialog>
      ) : null}
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
