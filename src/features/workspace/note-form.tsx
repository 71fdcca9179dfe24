// The form for a new note or an edit: rich text body, kind, tags; save as draft or submit.
import { useRef, useState, type FormEvent } from 'react';
import { ANNOTATION_KINDS, selectorColumns, type Annotation, type AnnotationKind, useCreateAnnotation, useNoteTags, useSaveAnnotation } from '../../data/annotations.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { DeferredRichTextEditor } from '../../editor/lazy.tsx';
import { parseRichDoc, type RichDoc } from '../../editor/rich-text-schema.ts';
import { docToPlainText, plainTextToDoc } from '../../editor/rich-text.ts';
import type { TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { useWorkspace } from './workspace-context.ts';
import { TagsInput } from './tags-input.tsx';
import { NoteQuote } from './note-card.tsx';

interface NoteFormProps {
  paragraphId: string;
  paragraphNumber: number;
  anchor: TextAnchorSelectors | null;
  /** What the anchor selects in: the Chinese or the English. */
  target?: 'source' | 'translation';
  editing: Annotation | null;
  onClose: () => void;
}

export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  for (const raw of input.split(/[,，;；]/)) {
    const tag = raw.trim().replace(/^#/, '');
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export function NoteForm({ paragraphId, paragraphNumber, anchor, target = 'source', editing, onClose }: NoteFormProps) {
  const t = useT();
  const ws = useWorkspace();
  const create = useCreateAnnotation(ws.documentId, ws.user.id);
  const save = useSaveAnnotation(ws.documentId);
  const initialDoc = editing ? (parseRichDoc(editing.body) ?? plainTextToDoc(editing.body_text ?? '')) : null;
  const body = useRef<RichDoc | null>(initialDoc);
  const [kind, setKind] = useState<AnnotationKind>(editing?.kind ?? 'note');
  const [tags, setTags] = useState((editing?.tags ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const busy = create.isPending || save.isPending;
  const idBase = `note-form-${paragraphId}`;
  const quote = editing ? editing.quote_exact : anchor?.quote.exact;
  const onEnglish = (editing ? editing.target : target) === 'translation';
  const projectTags = useNoteTags(ws.projectId);
  const tagNames = (projectTags.data ?? []).map((x) => x.tag);

  function submit(status: 'draft' | 'submitted') {
    const text = docToPlainText(body.current);
    if (!body.current || text.trim() === '') {
      setError(t('notes.error.empty'));
      return;
    }
    setError(null);
    const common = { body: body.current, body_text: text, kind, tags: parseTags(tags), status };
    const onError = (e: unknown) => setError(errorKind(e) === 'conflict' ? t('notes.error.conflict') : errorMessage(e));
    if (editing) {
      save.mutate({ annotation: editing, patch: common }, { onSuccess: onClose, onError });
    } else {
      create.mutate(
        {
          ...common,
          tempId: `pending-${crypto.randomUUID()}`,
          paragraph_id: paragraphId,
          target,
          ...selectorColumns(anchor),
        },
        // The note shows at once (optimistic); the form stays until the server has it.
        { onSuccess: onClose, onError },
      );
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit('submitted');
  }

  return (
    <form
      className="note-form"
      onSubmit={onSubmit}
      aria-label={editing ? t('notes.editFormLabel', { n: paragraphNumber }) : t('notes.newFormLabel', { n: paragraphNumber })}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      {quote ? (
        <NoteQuote quote={quote} onEnglish={onEnglish} />
      ) : (
        <p className="note-scope small muted">{t('notes.wholeParagraph')}</p>
      )}
      <div className="note-editor">
        {/* Visible, and the editor's accessible name is the same word (it is a contenteditable, not a labelable field). */}
        <p className="note-editor-label" aria-hidden="true">
          {t('notes.noteLabel')}
        </p>
        <DeferredRichTextEditor
          initialContent={initialDoc}
          label={t('notes.noteLabel')}
          className="rich-text note-editor-text"
          autoFocus
          onChange={(doc) => {
            body.current = doc;
          }}
          toolbar={{ label: t('editor.toolbar'), bold: t('editor.bold'), italic: t('editor.italic'), bulletList: t('editor.bulletList') }}
          fallback={<p className="muted">{t('common.loadingEditor')}</p>}
        />
      </div>
      <div className="note-form-fields">
        <div className="field field-inline">
          <label htmlFor={`${idBase}-kind`}>{t('notes.kind')}</label>
          <select id={`${idBase}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)}>
            {ANNOTATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor={`${idBase}-tags`}>{t('notes.tags')}</label>
          <TagsInput id={`${idBase}-tags`} value={tags} onChange={setTags} projectTags={tagNames} placeholder={t('notes.tagsPlaceholder')} />
        </div>
      </div>
      {error ? (
        <p className="form-error small" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-small" disabled={busy} onClick={() => submit('draft')}>
          {t('notes.saveDraft')}
        </button>
        <button type="submit" className="button button-small button-primary" disabled={busy}>
          {t('notes.submitForReview')}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
