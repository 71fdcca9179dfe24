// The conversation under a note: replies with author and time (authors edit and delete their own)
// and the reviewers' decisions in the same stream, then "Reply".
import { useId, useState, type FormEvent } from 'react';
import type { Annotation } from '../../data/annotations.ts';
import { threadOf, useAddReply, useDeleteReply, useDocumentDecisions, useDocumentReplies, useEditReply, type Reply } from '../../data/threads.ts';
import { useProfiles } from '../../data/profiles.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { useWorkspace } from './workspace-context.ts';

function ReplyForm({ label, initial, submitLabel, onSubmit, onCancel, busy }: {
  label: string;
  initial: string;
  submitLabel: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const t = useT();
  const [text, setText] = useState(initial);
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) onSubmit(text);
  }
  return (
    <form className="reply-form" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <div className="button-row">
        <button type="submit" className="button button-small button-primary" disabled={busy || !text.trim()}>
          {submitLabel}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReplyItem({ reply, name, mine }: { reply: Reply; name: string; mine: boolean }) {
  const t = useT();
  const ws = useWorkspace();
  const edit = useEditReply(ws.documentId);
  const remove = useDeleteReply(ws.documentId);
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const questionId = useId();
  const pending = reply.id.startsWith('pending-');
  // Written once, both stamps are the same instant; any edit moves updated_at on.
  const edited = !!reply.updated_at && Date.parse(reply.updated_at) !== Date.parse(reply.created_at);
  return (
    <li className="thread-entry thread-reply">
      <p className="thread-head small">
        <span className="thread-author">{name}</span> · <RelativeTime iso={reply.created_at} />
        {edited ? <span className="muted"> · {t('thread.edited')}</span> : null}
      </p>
      {editing ? (
        <ReplyForm
          label={t('thread.editLabel')}
          initial={reply.body_text}
          submitLabel={t('thread.save')}
          busy={edit.isPending}
          onCancel={() => setEditing(false)}
          onSubmit={(text) => edit.mutate({ id: reply.id, text }, { onSuccess: () => setEditing(false) })}
        />
      ) : (
        <p className="thread-text">{reply.body_text}</p>
      )}
      {mine && !pending && !editing && confirmingDelete ? (
        // A reply goes only after a second word, said in place.
        <div className="thread-actions thread-confirm" role="group" aria-labelledby={questionId}>
          <span className="small" id={questionId}>
            {t('thread.deleteQuestion')}
          </span>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(reply.id, { onSettled: () => setConfirmingDelete(false) })}
          >
            {t('thread.deleteConfirm')}
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => setConfirmingDelete(false)}>
            {t('thread.deleteKeep')}
          </button>
        </div>
      ) : mine && !pending && !editing ? (
        <div className="thread-actions">
          <button type="button" className="button button-small button-quiet" onClick={() => setEditing(true)} aria-label={t('thread.editReply')}>
            {t('notes.edit')}
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => setConfirmingDelete(true)} aria-label={t('thread.deleteReply')}>
            {t('notes.delete')}
          </button>
        </div>
      ) : null}
      {edit.error ?? remove.error ? (
        <p className="form-error small" role="alert">
          {errorMessage(edit.error ?? remove.error)}
        </p>
      ) : null}
    </li>
  );
}

export function NoteThread({ note }: { note: Annotation }) {
  const t = useT();
  const ws = useWorkspace();
  const replies = useDocumentReplies(ws.documentId);
  const decisions = useDocumentDecisions(ws.documentId);
  const add = useAddReply(ws.documentId, ws.user.id);
  const [replying, setReplying] = useState(false);
  const entries = threadOf(note.id, replies.data ?? [], decisions.data ?? []);
  const people = useProfiles(entries.flatMap((e) => (e.type === 'reply' ? [e.reply.author_id] : e.decision.reviewer_id ? [e.decision.reviewer_id] : [])));
  const name = (id: string | null | undefined) =>
    !id ? t('notes.someone') : id === ws.user.id ? t('notes.you') : (people.get(id)?.displayName ?? ws.profiles.get(id)?.displayName ?? t('notes.someone'));
  const pendingNote = note.version === 0;

  return (
    <div className="thread">
      {entries.length > 0 ? (
        <ol className="thread-list" aria-label={t('thread.label')}>
          {entries.map((entry) =>
            entry.type === 'reply' ? (
              <ReplyItem key={entry.reply.id} reply={entry.reply} name={name(entry.reply.author_id)} mine={entry.reply.author_id === ws.user.id} />
            ) : (
              <li key={`d${entry.decision.id}`} className={`thread-entry thread-decision thread-${entry.decision.decision}`}>
                <p className="thread-head small">
                  <span className="thread-author">{name(entry.decision.reviewer_id)}</span>{' '}
                  {t(`thread.decision.${entry.decision.decision}` as MessageKey)} · <RelativeTime iso={entry.decision.created_at} />
                </p>
                {entry.decision.comment ? <p className="thread-text">{entry.decision.comment}</p> : null}
              </li>
            ),
          )}
        </ol>
      ) : null}
      {replying ? (
        <ReplyForm
          label={t('thread.replyLabel')}
          initial=""
          submitLabel={t('thread.send')}
          busy={add.isPending}
          onCancel={() => setReplying(false)}
          onSubmit={(text) => add.mutate({ annotationId: note.id, text }, { onSuccess: () => setReplying(false) })}
        />
      ) : !pendingNote ? (
        <button type="button" className="button button-small button-quiet" onClick={() => setReplying(true)}>
          {t('thread.reply')}
        </button>
      ) : null}
      {add.isError ? (
        <p className="form-error small" role="alert">
          {errorMessage(add.error)}
        </p>
      ) : null}
    </div>
  );
}
