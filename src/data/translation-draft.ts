// One paragraph's translation as the user sees it: the unsent edit in the outbox when there is
// one, else the row the server acknowledged. The one place that merges the two.
import { useMemo } from 'react';
import { shownStatus, type ConflictResolution, type EditTarget, type RowState } from './outbox.ts';
import type { Paragraph } from './paragraphs.ts';
import { useCurrentUser } from './session.ts';
import { useOutbox, useOutboxRow } from './translation-outbox.ts';
import type { TranslationStatus } from './translations.ts';

export interface TranslationDraftState {
  /** The outbox's state of the row (undefined: nothing happened to it in this session). */
  row: RowState | undefined;
  body: unknown;
  text: string;
  /** The status the row has, or will have once its edit is saved. */
  status: TranslationStatus;
  /** Whether the paragraph has a translation row to write (documents always create one; RLS decides who may). */
  exists: boolean;
  /**
   * Records an edit, sent after the debounce. `baseVersion` is the version the editor's content
   * came from (default: the stored row's), so a change that arrived meanwhile is a conflict, not lost.
   */
  edit: (body: unknown, text: string, baseVersion?: number) => void;
  /** Sets the row translated and sends it at once; false when there is no row to mark. */
  markTranslated: () => boolean;
  /**
   * "Back to draft": the row's stored text, status draft, sent at once. The database allows it to
   * the translator who marked the row translated, before a reviewer decides.
   */
  backToDraft: () => boolean;
  /** Replaces the content and status and sends it at once (accepting a suggestion, restoring a revision). */
  replace: (body: unknown, text: string, status: 'draft' | 'translated') => void;
  flush: () => Promise<void>;
  retry: () => Promise<void>;
  discard: () => Promise<void>;
  resolveConflict: (resolution: ConflictResolution) => Promise<void>;
}

export function useTranslationDraft(paragraph: Paragraph): TranslationDraftState {
  const outbox = useOutbox();
  const user = useCurrentUser();
  const row = useOutboxRow(paragraph.id);
  const stored = paragraph.translations ?? null;

  const actions = useMemo(() => {
    const target: EditTarget = { paragraphId: paragraph.id, documentId: paragraph.document_id, userId: user.id, baseVersion: stored?.version ?? 0 };
    const replace = (body: unknown, text: string, status: 'draft' | 'translated') => outbox.edit(target, { body, text, status }, { immediate: true });
    return {
      edit: (body: unknown, text: string, baseVersion?: number) =>
        outbox.edit(baseVersion === undefined ? target : { ...target, baseVersion }, { body, text, status: null }),
      markTranslated: () => {
        if (!stored) return false;
        outbox.markTranslated(target, stored);
        return true;
      },
      backToDraft: () => {
        if (!stored || stored.status !== 'translated') return false;
        replace(stored.body, stored.text, 'draft');
        return true;
      },
      replace,
      flush: () => outbox.flush(paragraph.id),
      retry: () => outbox.retry(paragraph.id),
      discard: () => outbox.discard(paragraph.id),
      resolveConflict: (resolution: ConflictResolution) => outbox.resolveConflict(paragraph.id, resolution),
    };
  }, [outbox, paragraph.id, paragraph.document_id, user.id, stored]);

  const edit = row?.edit ?? null;
  return {
    row,
    body: edit ? edit.body : stored?.body,
    text: edit ? edit.text : (stored?.text ?? ''),
    status: shownStatus(stored?.status ?? 'empty', edit),
    exists: stored !== null,
    ...actions,
  };
}
