// Owners' actions on a document: rename it, or delete it after a confirmation that says what goes.
import { useState, type FormEvent } from 'react';
import { useDeleteDocument, useDocumentFootprint, useRenameDocument, type DocumentRow } from '../../data/documents.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ConfirmDialog, Dialog } from '../../components/dialog.tsx';
import { Loading } from '../../components/states.tsx';

function RenameDialog({ document, onClose }: { document: DocumentRow; onClose: () => void }) {
  const t = useT();
  const rename = useRenameDocument();
  const [title, setTitle] = useState(document.title);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim() || title.trim() === document.title) {
      onClose();
      return;
    }
    rename.mutate({ documentId: document.id, title }, { onSuccess: onClose });
  }
  return (
    <Dialog title={t('library.renameDocument.title')} onClose={onClose}>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`rename-${document.id}`}>{t('library.renameDocument.field')}</label>
          <input id={`rename-${document.id}`} value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus lang="zh-CN" />
        </div>
        {rename.isError ? (
          <p className="form-error" role="alert">
            {errorMessage(rename.error)}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={rename.isPending || !title.trim()}>
            {t('library.renameDocument.save')}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ document, onClose }: { document: DocumentRow; onClose: () => void }) {
  const t = useT();
  const footprint = useDocumentFootprint(document.id);
  const remove = useDeleteDocument();
  const f = footprint.data;
  return (
    <ConfirmDialog
      title={t('library.deleteDocument.title', { title: document.title })}
      confirmLabel={t('library.deleteDocument.confirm')}
      danger
      busy={remove.isPending || !f}
      error={remove.isError ? errorMessage(remove.error) : footprint.isError ? errorMessage(footprint.error) : null}
      onCancel={onClose}
      onConfirm={() => remove.mutate(document.id, { onSuccess: onClose })}
    >
      {f ? (
        <>
          <p>{t('library.deleteDocument.lead')}</p>
          <ul className="footprint">
            <li>{t('library.deleteDocument.paragraphs', { count: f.paragraphs })}</li>
            <li>{t('library.deleteDocument.translations', { count: f.translations, revisions: f.revisions })}</li>
            <li>{t('library.deleteDocument.notes', { count: f.notes, replies: f.replies })}</li>
            <li>{t('library.deleteDocument.decisions', { count: f.decisions })}</li>
          </ul>
          <p>
            <strong>{t('library.deleteDocument.final')}</strong>
          </p>
        </>
      ) : (
        <Loading />
      )}
    </ConfirmDialog>
  );
}

export function DocumentActions({ document }: { document: DocumentRow }) {
  const t = useT();
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  return (
    <div className="document-actions">
      <button type="button" className="button button-quiet button-small" onClick={() => setOpen('rename')} aria-label={t('library.renameDocument.label', { title: document.title })}>
        {t('library.renameDocument.short')}
      </button>
      <button type="button" className="button button-quiet button-small button-danger-text" onClick={() => setOpen('delete')} aria-label={t('library.deleteDocument.label', { title: document.title })}>
        {t('library.deleteDocument.short')}
      </button>
      {open === 'rename' ? <RenameDialog document={document} onClose={() => setOpen(null)} /> : null}
      {open === 'delete' ? <DeleteDialog document={document} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
