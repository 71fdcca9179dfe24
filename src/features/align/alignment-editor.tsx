// The alignment editor: the proposed rows (virtualised, so 10,000 stay fast), the tools and their
// keyboard shortcuts, undo/redo, re-aligning around confirmed rows, and applying the result.
import { useCallback, useRef, useState } from 'react';
import { CHECK_BELOW, type AlignRow, type GlossaryTerm, type TextPair } from '../../domain/align/index.ts';
import { useMarkAlignmentTranslated } from '../../data/alignment.ts';
import { errorMessage } from '../../data/errors.ts';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { AlignWorkerClient } from '../../workers/align-client.ts';
import { AlignmentApplyPanel } from './alignment-apply-panel.tsx';
import { AlignmentDraftStatus, LeaveDialog } from './alignment-draft-status.tsx';
import type { ChineseParagraph } from './alignment-row.tsx';
import { AlignmentRows } from './alignment-rows.tsx';
import { AlignmentToolbar, KeyboardHelp } from './alignment-toolbar.tsx';
import { needsCheck, type AlignState } from './commands.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { SplitEnglishDialog } from './split-english-dialog.tsx';
import type { History } from './history.ts';
import { useAlignDraft } from './use-align-draft.ts';
import { useAlignmentApply } from './use-alignment-apply.ts';
import { useAlignmentEditing } from './use-alignment-editing.ts';
import { useAlignmentKeys } from './use-alignment-keys.ts';
import { useSplitEnglish } from './use-split-english.ts';

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

/** The first row still to check, from the top. */
function firstToCheck(rows: readonly AlignRow[]): number {
  return rows.findIndex((row) => needsCheck(row));
}

export function AlignmentEditor({ documentId, userId, zh, initialHistory, restoredAt, client, confirmedPairs, glossary, existing, onDiscard }: AlignmentEditorProps) {
  const t = useT();
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<'check' | 'discard' | null>(null);
  const stateRef = useRef<AlignState>(initialHistory.present);
  const split = useSplitEnglish(zh, stateRef);
  const applying = useAlignmentApply({ documentId, zh, existing, getState: () => stateRef.current, setNotice });
  const editing = useAlignmentEditing({ zh, initialHistory, client, confirmedPairs, glossary, setNotice, onEdit: applying.forgetApplied, onSplitEnglish: split.onSplitEnglish });
  const { rows, en, selected, summary, realigning, run, focusRequested } = editing;
  stateRef.current = editing.history.present;
  const apply = applying.mutation;
  const markTranslated = useMarkAlignmentTranslated(documentId);

  // The work is kept until what is on screen has been applied.
  const applied = applying.applied !== null && applying.applied.state === editing.history.present;
  const zhIds = useRef(zh.map((p) => p.id)).current;
  const onSaveError = useCallback((e: unknown) => setNotice(t('align.draft.saveFailed', { message: errorMessage(e) })), [t]);
  const draft = useAlignDraft({ userId, documentId, zhIds, history: editing.history, applied, onSaveError });

  const onKeyDown = useAlignmentKeys(run);

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
        <AlignmentDraftStatus applied={applied} restoredAt={restoredAt} onDiscard={() => setAsking('discard')} />
      </div>

      <AlignmentRows
        zh={zh}
        stateRef={stateRef}
        rows={rows}
        en={en}
        selected={selected}
        history={editing.history}
        focusRequested={focusRequested}
        realigning={realigning}
        conflictRows={applying.conflictRows}
        onSelect={editing.select}
      />
      <AlignmentApplyPanel
        documentId={documentId}
        summary={summary}
        firstCheck={firstCheck}
        onGoTo={goTo}
        realigning={realigning}
        onApply={startApply}
        applying={applying}
        markTranslated={markTranslated}
      />

      {split.splitting ? <SplitEnglishDialog {...split.splitting} onCancel={split.cancel} onSplit={(cut) => split.split(cut, editing.commit)} /> : null}
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
      <LeaveDialog blocker={draft.blocker} flush={draft.flush} />
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
