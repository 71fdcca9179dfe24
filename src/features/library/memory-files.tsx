// A project's translation memory files, for owners and translators: import a TMX file (read in the
// browser, sent as one atomic import), list the imported files, delete one (after a confirmation).
import { useRef, useState, type ChangeEvent } from 'react';
import { useDeleteMemoryImport, useImportMemory, useMemoryImports, type MemoryImport } from '../../data/translation-memory.ts';
import { errorMessage } from '../../data/errors.ts';
import { readMemoryFile } from '../../domain/search/index.ts';
import { isInteropError } from '../../domain/interop/index.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import './library.css';

export function MemoryFiles({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const imports = useMemoryImports(projectId, open);
  const importMemory = useImportMemory();
  const remove = useDeleteMemoryImport(projectId);
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success' | 'progress'; text: string } | null>(null);
  const [deleting, setDeleting] = useState<MemoryImport | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    let memory;
    try {
      memory = readMemoryFile(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      setMessage({ kind: 'error', text: t('memory.error.file', { name: file.name, message: isInteropError(e) ? e.message : String(e) }) });
      return;
    }
    setMessage({ kind: 'progress', text: t('memory.importing', { name: file.name }) });
    importMemory.mutate(
      { projectId, name: file.name, sourceLanguage: memory.sourceLanguage, targetLanguage: memory.targetLanguage, units: memory.units },
      {
        onSuccess: (row) => setMessage({ kind: 'success', text: t('memory.importDone', { name: row.name, n: row.units.toLocaleString() }) }),
        onError: (e) => setMessage({ kind: 'error', text: t('memory.error.import', { name: file.name, message: errorMessage(e) }) }),
      },
    );
  }

  return (
    <details className="memory-files" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('memory.panel')}</summary>
      <p className="muted small">{t('memory.panelLead')}</p>
      <div className="memory-files-actions">
        <input ref={input} type="file" accept=".tmx,application/x-tmx+xml,text/xml,application/xml" hidden onChange={(e) => void onFile(e)} />
        <button type="button" className="button button-small" disabled={importMemory.isPending} onClick={() => input.current?.click()}>
          {t('memory.importFile')}
        </button>
        {message ? (
          <span className={message.kind === 'error' ? 'form-error small' : message.kind === 'success' ? 'form-success small' : 'muted small'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </span>
        ) : null}
      </div>
      {!open ? null : imports.isPending ? (
        <Loading />
      ) : imports.isError ? (
        <ErrorState title={t('library.error')} detail={errorMessage(imports.error)} />
      ) : imports.data.length === 0 ? (
        <p className="muted small">{t('memory.empty')}</p>
      ) : (
        <table className="memory-files-table">
          <caption className="visually-hidden">{t('memory.panel')} · {projectName}</caption>
          <thead>
            <tr>
              <th scope="col">{t('memory.col.name')}</th>
              <th scope="col">{t('memory.col.languages')}</th>
              <th scope="col">{t('memory.col.units')}</th>
              <th scope="col">{t('memory.col.date')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('library.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {imports.data.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>
                  {m.source_language} → {m.target_language}
                </td>
                <td>{m.units.toLocaleString()}</td>
                <td>
                  <time dateTime={m.created_at}>{m.created_at.slice(0, 10)}</time>
                </td>
                <td>
                  <button type="button" className="button button-small button-quiet" aria-label={t('memory.deleteLabel', { name: m.name })} onClick={() => setDeleting(m)}>
                    {t('memory.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting ? (
        <ConfirmDialog
          title={t('memory.deleteLabel', { name: deleting.name })}
          confirmLabel={t('memory.delete')}
          danger
          onConfirm={() => {
            remove.mutate(deleting.id);
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        >
          {t('memory.deleteConfirm', { name: deleting.name, n: deleting.units.toLocaleString() })}
        </ConfirmDialog>
      ) : null}
    </details>
  );
}
