// The English side of a row: read-only rendering of the stored JSON, turned into the tiptap
// editor when focused; status, save state and "Mark translated".
import { useState, type KeyboardEvent } from 'react';
import type { Paragraph } from '../../data/paragraphs.ts';
import { useTranslationDraft } from '../../data/translation-draft.ts';
import type { TranslationStatus } from '../../data/translations.ts';
import { RichTextView } from '../../editor/rich-text-view.tsx';
import { parseRichDoc } from '../../editor/rich-text-schema.ts';
import { plainTextToDoc } from '../../editor/rich-text.ts';
import { useRichTextEditorComponent } from '../../editor/lazy.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { ConflictPanel } from './conflict-panel.tsx';
import { RowSaveState } from './save-state.tsx';
import { useWorkspace } from './workspace-context.ts';

const STATUS_TONE: Record<TranslationStatus, BadgeTone> = {
  empty: 'neutral',
  draft: 'warning',
  translated: 'info',
  approved: 'success',
};

export function TranslationStatusBadge({ status }: { status: TranslationStatus }) {
  const t = useT();
  return <Badge tone={STATUS_TONE[status]}>{t(`translation.status.${status}` as MessageKey)}</Badge>;
}

interface TranslationCellProps {
  paragraph: Paragraph;
  index: number;
  isActive: boolean;
  autoFocus: boolean;
}

export function TranslationCell({ paragraph, index, isActive, autoFocus }: TranslationCellProps) {
  const t = useT();
  const ws = useWorkspace();
  const draft = useTranslationDraft(paragraph);
  const Editor = useRichTextEditorComponent();
  const [typedAhead, setTypedAhead] = useState('');
  const [generation, setGeneration] = useState(0);

  const { row, body, text, status } = draft;
  const editable = ws.canTranslate && draft.exists;
  const n = paragraph.position;
  const label = t('workspace.translationOf', { n });

  function markTranslated() {
    if (draft.markTranslated()) ws.move(index, 1);
  }

  if (row?.phase === 'conflict' && row.edit && row.theirs) {
    return (
      <div className="cell cell-translation">
        <ConflictPanel
          paragraphNumber={n}
          mine={row.edit}
          theirs={row.theirs}
          theirName={row.theirs.updated_by ? ws.profiles.get(row.theirs.updated_by)?.displayName : undefined}
          onResolve={draft.resolveConflict}
          onResolved={() => setGeneration((g) => g + 1)}
        />
      </div>
    );
  }

  function onViewKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!editable) return;
    // Keys typed while the editor chunk is still loading are kept and replayed into it.
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setTypedAhead((s) => s + event.key);
      ws.activate(paragraph.id, true);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      ws.activate(paragraph.id, true);
    }
  }

  const showEditor = isActive && editable && Editor;
  const isEmpty = text.trim() === '';

  return (
    <div className="cell cell-translation">
      {showEditor ? (
        <Editor
          key={`${paragraph.id}:${generation}`}
          initialContent={parseRichDoc(body) ?? plainTextToDoc(text)}
          label={label}
          lang="en"
          className="rich-text translation-text translation-editor"
          autoFocus={autoFocus}
          pendingText={typedAhead}
          onChange={(doc, plain) => {
            if (typedAhead) setTypedAhead('');
            draft.edit(doc, plain);
          }}
          onMarkDone={markTranslated}
          onMove={(delta) => ws.move(index, delta)}
          onBlur={() => void draft.flush()}
        />
      ) : (
        <div
          role="textbox"
          aria-label={label}
          aria-multiline="true"
          aria-readonly={editable ? undefined : true}
          tabIndex={0}
          lang="en"
          className={`rich-text translation-text translation-view${editable ? ' is-editable' : ''}`}
          onFocus={editable ? () => ws.activate(paragraph.id, true) : undefined}
          onKeyDown={onViewKeyDown}
        >
          {isEmpty && !typedAhead ? (
            <p className="placeholder">{editable ? t('workspace.translationPlaceholder') : t('workspace.notTranslated')}</p>
          ) : (
            <RichTextView value={body} fallbackText={text} />
          )}
          {typedAhead ? <p>{typedAhead}</p> : null}
        </div>
      )}
      <div className="row-meta">
        <TranslationStatusBadge status={status} />
        <RowSaveState row={row} />
        {row?.phase === 'error' ? (
          <>
            <span className="form-error small">{row.error}</span>
            <button type="button" className="button button-small" onClick={() => void draft.retry()}>
              {t('save.retry')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => void draft.discard()}>
              {t('save.discard')}
            </button>
          </>
        ) : null}
        {editable ? (
          <button
            type="button"
            className="button button-small mark-done"
            disabled={isEmpty || status === 'approved'}
            title={t('workspace.markTranslatedHint')}
            onClick={markTranslated}
          >
            {t('workspace.markTranslated')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
