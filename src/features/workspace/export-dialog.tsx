// "Export": a document (or its whole project, as one zip) in a standard format — which format,
// which rows, which notes — and a download.
import { useEffect, useId, useRef, useState } from 'react';
import { useModalDialog } from '../../components/dialog.tsx';
import type { ExportFormat, NoteSelection, RowSelection, TextLayout } from '../../domain/interop/index.ts';
import { useBuildExport, type ExportProgress } from '../../data/interop-hooks.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { downloadFile } from './download.ts';

interface FormatChoice {
  value: string;
  format: ExportFormat;
  layout?: TextLayout;
  label: MessageKey;
  /** Formats that hold notes only. */
  notesOnly?: boolean;
}

const FORMATS: readonly FormatChoice[] = [
  { value: 'xliff12', format: 'xliff12', label: 'export.format.xliff12' },
  { value: 'xliff21', format: 'xliff21', label: 'export.format.xliff21' },
  { value: 'tmx', format: 'tmx', label: 'export.format.tmx' },
  { value: 'docx-bilingual', format: 'docx', layout: 'bilingual', label: 'export.format.docxBilingual' },
  { value: 'docx-english', format: 'docx', layout: 'english', label: 'export.format.docxEnglish' },
  { value: 'jsonld', format: 'jsonld', label: 'export.format.jsonld', notesOnly: true },
  { value: 'csv', format: 'csv', label: 'export.format.csv', notesOnly: true },
  { value: 'txt-english', format: 'txt', layout: 'english', label: 'export.format.txtEnglish' },
  { value: 'txt-bilingual', format: 'txt', layout: 'bilingual', label: 'export.format.txtBilingual' },
  { value: 'md-english', format: 'md', layout: 'english', label: 'export.format.mdEnglish' },
  { value: 'md-bilingual', format: 'md', layout: 'bilingual', label: 'export.format.mdBilingual' },
  { value: 'intertext', format: 'intertext', label: 'export.format.intertext' },
];

interface ExportDialogProps {
  documentId: string;
  projectId: string;
  projectName: string;
  onClose: () => void;
}

export function ExportDialog({ documentId, projectId, projectName, onClose }: ExportDialogProps) {
  const t = useT();
  const ref = useModalDialog();
  const id = useId();
  const [scope, setScope] = useState<'document' | 'project'>('document');
  const [choice, setChoice] = useState('xliff12');
  const [rows, setRows] = useState<RowSelection>('all');
  const [notes, setNotes] = useState<NoteSelection>('approved');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const build = useBuildExport();
  const abort = useRef<AbortController | null>(null);
  const format = FORMATS.find((f) => f.value === choice) ?? FORMATS[0]!;

  // An export still running stops when the dialog goes.
  useEffect(() => () => abort.current?.abort(), []);

  const chooseFormat = (value: string) => {
    setChoice(value);
    const next = FORMATS.find((f) => f.value === value);
    // A translation memory holds finished work; notes-only formats need notes.
    if (next?.format === 'tmx') setRows('translated');
    if (next?.notesOnly && notes === 'none') setNotes('shared');
    setDone(null);
  };

  const download = () => {
    abort.current = new AbortController();
    setDone(null);
    setProgress(null);
    build.mutate(
      {
        scope: scope === 'document' ? { documentId } : { projectId, projectName },
        options: { format: format.format, layout: format.layout, rows, notes: format.format === 'intertext' ? 'none' : notes, baseUrl: window.location.origin },
        onProgress: setProgress,
        signal: abort.current.signal,
      },
      {
        onSuccess: (file) => {
          downloadFile(file);
          setDone(file.name);
          setProgress(null);
        },
        onError: () => setProgress(null),
      },
    );
  };

  const progressLabel = progress
    ? progress.step === 'packing'
      ? t('export.progress.packing')
      : progress.title
        ? t('export.progress.document', { title: progress.title })
        : t('export.progress.reading')
    : '';

  return (
    <dialog
      ref={ref}
      className="interop-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          download();
        }}
      >
        <h2 id={`${id}-title`}>{t('export.title')}</h2>
        <fieldset className="interop-choice">
          <legend>{t('export.scope')}</legend>
          <label>
            <input type="radio" name="scope" value="document" checked={scope === 'document'} onChange={() => setScope('document')} />
            {t('export.scope.document')}
          </label>
          <label>
            <input type="radio" name="scope" value="project" checked={scope === 'project'} onChange={() => setScope('project')} />
            {t('export.scope.project', { project: projectName })}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-format`}>{t('export.format')}</label>
          <select id={`${id}-format`} value={choice} onChange={(e) => chooseFormat(e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {t(f.label)}
              </option>
            ))}
          </select>
        </div>
        <div className="interop-row">
          <div className="field">
            <label htmlFor={`${id}-rows`}>{t('export.rows')}</label>
            <select id={`${id}-rows`} value={rows} onChange={(e) => setRows(e.target.value as RowSelection)}>
              <option value="all">{t('export.rows.all')}</option>
              <option value="translated">{t('export.rows.translated')}</option>
              <option value="approved">{t('export.rows.approved')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-notes`}>{t('export.notes')}</label>
            <select id={`${id}-notes`} value={format.format === 'intertext' ? 'none' : notes} disabled={format.format === 'intertext'} onChange={(e) => setNotes(e.target.value as NoteSelection)}>
              {format.notesOnly ? null : <option value="none">{t('export.notes.none')}</option>}
              <option value="approved">{t('export.notes.approved')}</option>
              <option value="shared">{t('export.notes.shared')}</option>
            </select>
          </div>
        </div>
        <p className="muted small">{t(`${format.label}.help` as MessageKey)}</p>
        {build.isPending ? (
          <div className="interop-progress" aria-live="polite">
            {progress && progress.total > 1 ? (
              <ProgressBar label={progressLabel} value={Math.floor(progress.done)} max={progress.total} />
            ) : (
              <p className="muted small">{progressLabel || t('export.progress.reading')}</p>
            )}
          </div>
        ) : null}
        {build.isError ? (
          <p className="form-error" role="alert">
            {t('export.error', { message: errorMessage(build.error) })}
          </p>
        ) : null}
        {done ? (
          <p className="interop-done" role="status">
            {t('export.done', { name: done })}
          </p>
        ) : null}
        <div className="button-row interop-actions">
          <button type="button" className="button" onClick={onClose}>
            {done ? t('interop.close') : t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={build.isPending}>
            {build.isPending ? t('export.downloading') : t('export.download')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
