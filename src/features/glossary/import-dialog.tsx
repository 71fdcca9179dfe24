// Importing a CSV or TBX glossary: the file is read in the browser, previewed (entries, lines with
// problems and why), then imported at once; nothing is written until "Import" is pressed.
import { useId, useState } from 'react';
import { readGlossaryFile, GlossaryFileError, type GlossaryFilePlace, type GlossaryFileRead } from '../../domain/glossary/index.ts';
import { decodeBytes } from '../../domain/import/index.ts';
import { useImportGlossary, type GlossaryEntry } from '../../data/glossary.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { Dialog } from '../../components/dialog.tsx';

const MAX_BYTES = 20 * 1024 * 1024;

/** "line 12", "entry 3 (id t3)" in the reader's language. */
function placeLabel(t: Translate, at: GlossaryFilePlace): string {
  if ('line' in at) return t('glossary.problem.atLine', { line: at.line });
  return at.id ? t('glossary.problem.atEntryId', { entry: at.entry, id: at.id }) : t('glossary.problem.atEntry', { entry: at.entry });
}

export function ImportDialog({ projectId, existing, onClose }: { projectId: string; existing: readonly GlossaryEntry[]; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const [read, setRead] = useState<(GlossaryFileRead & { name: string }) | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const importGlossary = useImportGlossary(projectId);
  const known = new Set(existing.map((e) => e.zh));
  const already = read ? read.entries.filter((e) => known.has(e.zh)).length : 0;

  async function choose(file: File | undefined) {
    setRead(null);
    setFileError(null);
    importGlossary.reset();
    if (!file) return;
    if (file.size > MAX_BYTES) return setFileError(t('glossary.import.tooLarge', { name: file.name }));
    try {
      const { text } = decodeBytes(new Uint8Array(await file.arrayBuffer()));
      setRead({ ...readGlossaryFile(text), name: file.name });
    } catch (e) {
      const message =
        e instanceof GlossaryFileError ? t(`glossary.fileError.${e.code}` as MessageKey, e.params) : e instanceof Error ? e.message : String(e);
      setFileError(t('glossary.import.unreadable', { name: file.name, message }));
    }
  }

  return (
    <Dialog title={t('glossary.import.title')} onClose={onClose} className="glossary-import-dialog" lead={t('glossary.import.lead')}>
      <label htmlFor={`${id}-file`}>{t('glossary.import.file')}</label>
      <input id={`${id}-file`} type="file" accept=".csv,.tsv,.txt,.tbx,.xml,text/csv,application/xml" onChange={(e) => void choose(e.target.files?.[0])} />
      {fileError ? (
        <p className="form-error" role="alert">
          {fileError}
        </p>
      ) : null}
      {read ? (
        <section className="glossary-preview" aria-label={t('glossary.import.preview')}>
          <p role="status">
            {t('glossary.import.summary', { name: read.name, format: read.format.toUpperCase(), entries: read.entries.length, problems: read.problems.length })}
          </p>
          {read.problems.length ? (
            <div className="glossary-problems" role="alert">
              <p>{t('glossary.import.problemsLead', { count: read.problems.length })}</p>
              <ul>
                {read.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>
                    <strong>{placeLabel(t, p.at)}</strong>
                    {t('glossary.problem.separator')}
                    {t(`glossary.problem.${p.code}` as MessageKey, p.params)}
                  </li>
                ))}
              </ul>
              {read.problems.length > 50 ? <p className="muted small">{t('glossary.import.moreProblems', { count: read.problems.length - 50 })}</p> : null}
            </div>
          ) : null}
          {read.entries.length ? (
            <table className="glossary-table glossary-preview-table">
              <caption className="visually-hidden">{t('glossary.import.preview')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('glossary.col.zh')}</th>
                  <th scope="col">{t('glossary.col.en')}</th>
                  <th scope="col">{t('glossary.col.forbidden')}</th>
                  <th scope="col">{t('glossary.col.kind')}</th>
                </tr>
              </thead>
              <tbody>
                {read.entries.slice(0, 20).map((e) => (
                  <tr key={e.zh}>
                    <td lang="zh-CN">
                      {e.zh} {known.has(e.zh) ? <span className="muted small">({t('glossary.import.known')})</span> : null}
                    </td>
                    <td lang="en">{e.en.join(' | ')}</td>
                    <td lang="en">{e.forbidden.join(' | ')}</td>
                    <td>{t(`glossary.kind.${e.kind}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {read.entries.length > 20 ? <p className="muted small">{t('glossary.import.moreEntries', { count: read.entries.length - 20 })}</p> : null}
          {already ? (
            <label className="checkbox">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('glossary.import.replace', { count: already })}
            </label>
          ) : null}
        </section>
      ) : null}
      {importGlossary.isError ? (
        <p className="form-error" role="alert">
          {t('glossary.import.failed', { message: errorMessage(importGlossary.error) })}
        </p>
      ) : null}
      {importGlossary.data ? (
        <p className="banner banner-success" role="status">
          {t('glossary.import.done', importGlossary.data)}
        </p>
      ) : null}
      <div className="button-row">
        {importGlossary.data ? null : (
          <button
            type="button"
            className="button button-primary"
            disabled={!read || read.entries.length === 0 || importGlossary.isPending}
            onClick={() => read && importGlossary.mutate({ entries: read.entries, replace })}
          >
            {read ? t('glossary.import.go', { count: read.entries.length }) : t('glossary.import.goEmpty')}
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onClose}>
          {importGlossary.data ? t('qa.panel.close') : t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
