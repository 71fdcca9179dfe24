// One dropped file: reading and parsing progress, the preview, and the import with its upload
// progress. The page owns the file's state and the import queue; the card shows it and asks.
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { describeImportFailure, describeParseFailure } from './describe-error.ts';
import type { ParseFailure } from '../../workers/parse-messages.ts';
import { ImportPreview } from './import-preview.tsx';
import { ProgressLine } from './progress-line.tsx';
import { formatSize, isHeldAsDuplicate, type FileEntry } from './use-import-files.ts';
import { effectiveDetails, type DocumentDetails } from './details.ts';

const ENCODINGS: { value: FileEntry['encoding']; label: MessageKey | null; text?: string }[] = [
  { value: 'auto', label: 'import.encoding.auto' },
  { value: 'utf-8', label: null, text: 'UTF-8' },
  { value: 'gb18030', label: null, text: 'GB18030 / GBK' },
  { value: 'utf-16le', label: null, text: 'UTF-16LE' },
  { value: 'utf-16be', label: null, text: 'UTF-16BE' },
];

interface ImportFileCardProps {
  entry: FileEntry;
  onEncodingChange: (key: string, encoding: FileEntry['encoding']) => void;
  onTitleChange: (key: string, title: string) => void;
  onDetailsChange: (key: string, details: DocumentDetails) => void;
  onRemove: (key: string) => void;
  onImport: (key: string) => void;
  onImportAnyway: (key: string) => void;
}

export function ImportFileCard({ entry, onEncodingChange, onTitleChange, onDetailsChange, onRemove, onImport, onImportAnyway }: ImportFileCardProps) {
  const t = useT();
  const id = useId();
  const parsed = entry.stage.kind === 'ready' ? entry.stage.document : null;
  const title = entry.title ?? parsed?.title ?? '';
  const state = entry.import;
  const busy = state.kind === 'queued' || state.kind === 'sending';
  const done = state.kind === 'done';
  const upload = state.kind === 'sending' ? state.upload : null;

  const headingId = `${id}-heading`;
  const encodingId = `${id}-encoding`;

  return (
    <section className="import-card" aria-labelledby={headingId}>
      <header className="import-card-head">
        <h2 id={headingId} className="import-card-name">
          {entry.file.name}
        </h2>
        <span className="muted small">{formatSize(entry.file.size)}</span>
        {!busy && !done ? (
          <button
            type="button"
            className="button button-quiet button-small import-card-remove"
            aria-label={t('import.file.removeLabel', { name: entry.file.name })}
            onClick={() => onRemove(entry.key)}
          >
            {t('import.file.remove')}
          </button>
        ) : null}
      </header>

      {entry.stage.kind === 'reading' ? (
        <ProgressLine
          label={t('import.progress.reading', { name: entry.file.name })}
          status={t('import.phase.reading')}
          value={entry.stage.loaded}
          max={entry.file.size}
        />
      ) : null}
      {entry.stage.kind === 'parsing' ? (
        <ProgressLine label={t('import.progress.parsing', { name: entry.file.name })} status={t('import.phase.parsing')} />
      ) : null}
      {entry.stage.kind === 'failed' ? <ParseFailureNotice failure={entry.stage.failure} /> : null}

      {entry.stage.kind === 'ready' || (entry.stage.kind === 'failed' && entry.stage.failure.code === 'invalid-encoding') ? (
        <div className="field-inline import-encoding">
          <label htmlFor={encodingId}>{t('import.field.encoding')}</label>
          <select
            id={encodingId}
            value={entry.encoding}
            disabled={busy || done}
            onChange={(e) => onEncodingChange(entry.key, e.target.value as FileEntry['encoding'])}
          >
            {ENCODINGS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label ? t(option.label) : option.text}
              </option>
            ))}
          </select>
          {parsed ? <span className="muted small">{t('import.detected', { encoding: parsed.encoding })}</span> : null}
        </div>
      ) : null}

      {parsed ? (
        <ImportPreview
          parsed={parsed}
          idPrefix={id}
          title={title}
          titleError={entry.titleMissing}
          details={effectiveDetails(parsed, entry.details)}
          disabled={busy || done}
          onTitleChange={(value) => onTitleChange(entry.key, value)}
          onDetailsChange={(details) => onDetailsChange(entry.key, details)}
        />
      ) : null}

      {parsed ? (
        <div className="import-actions">
          {state.kind === 'queued' ? (
            <p className="muted small">{entry.duplicates === null ? t('import.phase.checking') : t('import.phase.queued')}</p>
          ) : null}
          {state.kind === 'sending' ? (
            upload && upload.loaded < upload.total ? (
              <ProgressLine
                label={t('import.progress.upload', { name: entry.file.name })}
                status={t('import.phase.uploading')}
                value={upload.loaded}
                max={upload.total}
              />
            ) : (
              <ProgressLine label={t('import.progress.upload', { name: entry.file.name })} status={t('import.phase.saving')} />
            )
          ) : null}
          {state.kind === 'done' ? (
            <p className="form-success" role="status">
              {t('import.done', { title: state.title, count: parsed.paragraphs.length })}{' '}
              <Link to={`/documents/${state.documentId}`} lang="zh-CN">
                {t('import.open', { title: state.title })}
              </Link>
            </p>
          ) : isHeldAsDuplicate(entry) ? (
            <div className="state state-warning" role="alert">
              <p className="state-title">{t('import.duplicate.title')}</p>
              <ul>
                {entry.duplicates!.map((d) => (
                  <li key={d.id}>
                    {t('import.duplicate.item', {
                      title: d.title,
                      date: new Date(d.created_at).toLocaleDateString(),
                      name: d.created_by_name ?? t('notes.someone'),
                    })}{' '}
                    <Link to={`/documents/${d.id}`} lang="zh-CN">
                      {t('import.open', { title: d.title })}
                    </Link>
                  </li>
                ))}
              </ul>
              <div className="button-row">
                <button type="button" className="button" onClick={() => onImportAnyway(entry.key)}>
                  {t('import.duplicate.importAnyway')}
                </button>
                <button type="button" className="button button-quiet" onClick={() => onRemove(entry.key)}>
                  {t('import.duplicate.skip')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="button button-primary" disabled={busy || entry.duplicates === null} onClick={() => onImport(entry.key)}>
              {busy ? t('import.importing') : t('import.submit')}
            </button>
          )}
          {state.kind === 'failed' ? (
            <div className="state state-error" role="alert">
              <p className="state-title">{t('import.error.failedTitle')}</p>
              <p className="state-detail">{describeImportFailure(t, state.error)}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ParseFailureNotice({ failure }: { failure: ParseFailure }) {
  const t = useT();
  const { title, detail, advice, technical } = describeParseFailure(t, failure);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-detail">{detail}</p>
      <p className="state-detail small">{advice}</p>
      {technical ? (
        <details className="state-detail small">
          <summary>{t('import.detail.technical')}</summary>
          <code>{technical}</code>
        </details>
      ) : null}
    </div>
  );
}
