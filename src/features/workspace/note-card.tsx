// One note in the notes column: author, kind, status, tags, quote, body, the author's own actions,
// and its thread (replies and the reviewers' decisions with their comments).
import { useEffect, useRef, useState } from 'react';
import type { Annotation, AnnotationStatus } from '../../data/annotations.ts';
import { useDeleteAnnotation, useSaveAnnotation } from '../../data/annotations.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { RichTextView } from '../../editor/rich-text-view.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { useI18n, useT, type MessageKey } from '../../i18n/i18n.tsx';
import { useWorkspace } from './workspace-context.ts';
import { NoteThread } from './note-thread.tsx';
import { PromoteTerm } from './promote-term.tsx';
import { useNotesUi } from './notes-context.tsx';

const STATUS_TONE: Record<AnnotationStatus, BadgeTone> = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
  rejected: 'danger',
};

/** The words a note is on (in the Chinese, or marked as in the English); struck through once they are gone. */
export function NoteQuote({ quote, onEnglish, orphaned = false }: { quote: string; onEnglish: boolean; orphaned?: boolean }) {
  const t = useT();
  return (
    <>
      {onEnglish ? <p className="note-scope small muted">{t('notes.onEnglish')}</p> : null}
      <blockquote className={`note-quote${onEnglish ? ' note-quote-en' : ''}${orphaned ? ' is-orphaned' : ''}`} lang={onEnglish ? 'en' : 'zh-CN'}>
        {quote}
      </blockquote>
    </>
  );
}

interface NoteCardProps {
  note: Annotation;
  /** Whether the note's quote was found in the paragraph (false = orphaned). */
  anchored: boolean | null;
  highlighted: boolean;
  onHighlight: (id: string | null) => void;
}

export function NoteCard({ note, anchored, highlighted, onHighlight }: NoteCardProps) {
  const t = useT();
  const ws = useWorkspace();
  const save = useSaveAnnotation(ws.documentId);
  const remove = useDeleteAnnotation(ws.documentId);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const mine = note.author_id === ws.user.id;
  const author = mine ? t('notes.you') : (ws.profiles.get(note.author_id)?.displayName ?? t('notes.someone'));
  const pendingSave = note.version === 0;
  const failure = save.error ?? remove.error;
  const notesUi = useNotesUi();
  const { locale } = useI18n();
  const tagFilter = notesUi.filters.tag.toLocaleLowerCase();
  const onEnglish = note.target === 'translation';

  // "Open this note" (a click on its highlight): the first card of it on screen scrolls into view
  // and takes the focus, which also emphasises its span in the text.
  const ref = useRef<HTMLElement>(null);
  const request = notesUi.requested;
  useEffect(() => {
    const el = ref.current;
    if (!el || request?.noteId !== note.id || el.getClientRects().length === 0 || !notesUi.take(request.seq)) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  }, [request, note.id, notesUi]);

  return (
    <article
      ref={ref}
      className={`note note-${note.status}${highlighted ? ' is-highlighted' : ''}`}
      aria-label={t('notes.noteBy', { name: author })}
      tabIndex={0}
      onMouseEnter={() => onHighlight(note.id)}
      onMouseLeave={() => onHighlight(null)}
      onFocus={() => onHighlight(note.id)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onHighlight(null);
      }}
    >
      <header className="note-head">
        <span className="note-author">{author}</span>
        <Badge tone="neutral">{t(`kind.${note.kind}` as MessageKey)}</Badge>
        <Badge tone={STATUS_TONE[note.status]}>{t(`notes.status.${note.status}` as MessageKey)}</Badge>
      </header>
      {note.quote_exact ? (
        <>
          <NoteQuote quote={note.quote_exact} onEnglish={onEnglish} orphaned={anchored === false} />
          {anchored === false ? (
            <p className="note-orphaned small muted" lang={locale === 'zh' ? 'zh-CN' : 'en'}>
              {onEnglish ? t('notes.orphanedEnglish') : t('notes.orphaned')}
            </p>
          ) : null}
        </>
      ) : (
        <p className="note-scope small muted">{t('notes.wholeParagraph')}</p>
      )}
      <div className="rich-text note-body">
        <RichTextView value={note.body} fallbackText={note.body_text ?? ''} />
      </div>
      {note.tags.length > 0 ? (
        <ul className="chips note-tags" aria-label={t('notes.tags')}>
          {note.tags.map((tag) => {
            const on = tag.toLocaleLowerCase() === tagFilter;
            return (
              <li key={tag}>
                <button
                  type="button"
                  className={`chip chip-button${on ? ' is-on' : ''}`}
                  aria-pressed={on}
                  aria-label={t('notes.tagFilterOn', { tag })}
                  onClick={() => notesUi.updateFilters({ tag: on ? '' : tag })}
                >
                  {tag}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {mine && !pendingSave ? (
        <div className="note-actions">
          <button type="button" className="button button-small" onClick={() => ws.openComposer(note.paragraph_id, { mode: 'edit', annotation: note })}>
            {t('notes.edit')}
          </button>
          {note.status === 'draft' || note.status === 'rejected' ? (
            <button
              type="button"
              className="button button-small"
              disabled={save.isPending}
              onClick={() => save.mutate({ annotation: note, patch: { status: 'submitted' } })}
            >
              {t('notes.submit')}
            </button>
          ) : null}
          {confirmingDelete ? (
            <>
              <button type="button" className="button button-small button-danger" onClick={() => remove.mutate(note)}>
                {t('notes.confirmDelete')}
              </button>
              <button type="button" className="button button-small button-quiet" onClick={() => setConfirmingDelete(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button button-small button-quiet" onClick={() => setConfirmingDelete(true)}>
              {t('notes.delete')}
            </button>
          )}
        </div>
      ) : null}
      <PromoteTerm note={note} />
      {failure ? (
        <p className="form-error small" role="alert">
          {errorKind(failure) === 'conflict' ? t('notes.error.conflict') : errorMessage(failure)}
        </p>
      ) : null}
      <NoteThread note={note} />
    </article>
  );
}
