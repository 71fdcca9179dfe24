// One dropped file: reading and parsing progress, the preview (metadata, paragraph counts, first
// paragraphs, the parser's remarks), the editable title, and the import with its upload progress.
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { countParagraphs, toImportPayload, type ForcedEncoding, type ParsedDocument } from '../../domain/import/index.ts';
import { truncateCodePoints } from '../../domain/text/index.ts';
import { useImportDocument, type UploadProgress } from '../../data/import-document.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Badge } from '../../components/badge.tsx';
import { KeywordChips } from '../../components/keyword-chips.tsx';
import { describeImportFailure, describeParseFailure } from './describe-error.ts';
import type { ParseFailure } from '../../workers/parse-messages.ts';
import { ProgressLine } from './progress-line.tsx';

export type FileStage =
  | { kind: 'reading'; loaded: number }
  | { kind: 'parsing' }
  | { kind: 'ready'; document: ParsedDocument }
  | { kind: 'failed'; failure: ParseFailure };

export interface FileEntry {
  key: string;
  file: File;
  encoding: ForcedEncoding | 'auto';
  stage: FileStage;
}

const PREVIEW_PARAGRAPHS = 6;
const PREVIEW_CHARACTERS = 160;
const ENCODINGS: { value: FileEntry['encoding']; label: MessageKey | null; text?: string }[] = [
  { value: 'auto', label: 'import.encoding.auto' },
  { value: 'utf-8', label: null, text: 'UTF-8' },
  { value: 'gb18030', label: null, text: 'GB18030 / GBK' },
  { value: 'utf-16le', label: null, text: 'UTF-16LE' },
  { value: 'utf-16be', label: null, text: 'UTF-16BE' },
];

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function excerpt(text: string): string {
  return truncateCodePoints(text, PREVIEW_CHARACTERS);
}

interface ImportFileCardProps {
  entry: FileEntry;
  projectId: string;
  /** Bumped by "Import all": each ready card that has not been imported starts. */
  importAll: number;
  onEncodingChange: (key: string, encoding: FileEntry['encoding']) => void;
  onRemove: (key: string) => void;
  onImported: (key: string) => void;
}

export function ImportFileCard({ entry, projectId, importAll, onEncodingChange, onRemove, onImported }: ImportFileCardProps) {
  const t = useT();
  const id = useId();
  const save = useImportDocument();
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const parsed = entry.stage.kind === 'ready' ? entry.stage.document : null;
  const [title, setTitle] = useState(parsed?.title ?? '');
  const [titleTouched, setTitleTouched] = useState(false);
  const [titleError, setTitleError] = useState(false);

  // A new parse (another encoding) brings its own title, unless the user already typed one.
  useEffect(() => {
    if (parsed && !titleTouched) setTitle(parsed.title);
  }, [parsed, titleTouched]);

  const busy = save.isPending;
  const done = save.isSuccess;

  function startImport() {
    if (!parsed || busy || done) return;
    if (title.trim() === '') {
      setTitleError(true);
      return;
    }
    setUpload(null);
    save.mutate(
      { projectId, document: { ...toImportPayload(parsed), title: title.trim() }, onUploadProgress: setUpload },
      { onSuccess: () => onImported(entry.key) },
    );
  }

  const startRef = useRef(startImport);
  startRef.current = startImport;
  const seenImportAll = useRef(importAll);
  useEffect(() => {
    if (importAll === seenImportAll.current) return;
    seenImportAll.current = importAll;
    startRef.current();
  }, [importAll]);

  const headingId = `${id}-heading`;
  const titleId = `${id}-title`;
  const encodingId = `${id}-encoding`;
  const counts = parsed ? countParagraphs(parsed) : null;
  const otherMetadata = parsed
    ? Object.entries(parsed.metadata).filter(([key]) => !['关键词', '发布时间'].includes(key))
    : [];

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

      {parsed && counts ? (
        <div className="import-preview">
          <div className="import-preview-meta">
            <div className="field">
              <label htmlFor={titleId}>{t('import.field.title')}</label>
              <input
                id={titleId}
                lang="zh-CN"
                value={title}
                disabled={busy || done}
                aria-invalid={titleError || undefined}
                aria-describedby={titleError ? `${titleId}-error` : undefined}
                onChange={(e) => {
                  setTitle(e.target.value);
                  setTitleTouched(true);
                  if (e.target.value.trim() !== '') setTitleError(false);
                }}
              />
              {titleError ? (
                <p id={`${titleId}-error`} className="form-error small">
                  {t('import.error.titleRequired')}
                </p>
              ) : null}
            </div>
            <dl className="import-facts">
              <dt>{t('import.meta.date')}</dt>
              <dd>{parsed.published_on ? <time dateTime={parsed.published_on}>{parsed.published_on}</time> : '—'}</dd>
              <dt>{t('import.meta.collection')}</dt>
              <dd lang="zh-CN">{parsed.collection ?? '—'}</dd>
              <dt>{t('import.meta.keywords')}</dt>
              <dd>
                {parsed.keywords.length > 0 ? (
                  <KeywordChips keywords={parsed.keywords} label={t('import.meta.keywords')} />
                ) : (
                  '—'
                )}
              </dd>
              {parsed.source_line ? (
                <>
                  <dt>{t('import.meta.source')}</dt>
                  <dd lang="zh-CN">{parsed.source_line}</dd>
                </>
              ) : null}
              {otherMetadata.map(([key, value]) => (
                <Fragment key={key}>
                  <dt lang="zh-CN">{key}</dt>
                  <dd lang="zh-CN">{value}</dd>
                </Fragment>
              ))}
              <dt>{t('import.meta.paragraphs')}</dt>
              <dd>{t('import.counts', { total: counts.total, body: counts.body, heading: counts.heading, closing: counts.closing })}</dd>
            </dl>
          </div>

          <div className="import-preview-text">
            <h3>{t('import.firstParagraphs')}</h3>
            <ol className="import-paragraphs">
              {parsed.paragraphs.slice(0, PREVIEW_PARAGRAPHS).map((p) => (
                <li key={p.position} className={`import-paragraph import-paragraph-${p.kind}`}>
                  <span className="import-paragraph-no muted small">{p.position}</span>
                  {p.kind !== 'body' ? <Badge tone={p.kind === 'heading' ? 'info' : 'neutral'}>{t(`import.kind.${p.kind}` as MessageKey)}</Badge> : null}
                  <span lang="zh-CN" className="import-paragraph-text">
                    {excerpt(p.text)}
                  </span>
                </li>
              ))}
            </ol>
            {parsed.paragraphs.length > PREVIEW_PARAGRAPHS ? (
              <p className="muted small">{t('import.moreParagraphs', { count: parsed.paragraphs.length - PREVIEW_PARAGRAPHS })}</p>
            ) : null}
          </div>

          <div className="import-warnings">
            <h3>{t('import.warnings')}</h3>
            {parsed.warnings.length > 0 ? (
              <ul>
                {parsed.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            ) : (
              <p className="muted small">{t('import.noWarnings')}</p>
            )}
          </div>
        </div>
      ) : null}

      {parsed ? (
        <div className="import-actions">
          {busy ? (
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
          {done ? (
            <p className="form-success" role="status">
              {t('import.done', { title: title.trim(), count: counts?.total ?? 0 })}{' '}
              <Link to={`/documents/${save.data}`} lang="zh-CN">
                {t('import.open', { title: title.trim() })}
              </Link>
            </p>
          ) : (
            <button type="button" className="button button-primary" disabled={busy} onClick={startImport}>
              {busy ? t('import.importing') : t('import.submit')}
            </button>
          )}
          {save.isError ? (
            <div className="state state-error" role="alert">
              <p className="state-title">{t('import.error.failedTitle')}</p>
              <p className="state-detail">{describeImportFailure(t, save.error)}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ParseFailureNotice({ failure }: { failure: ParseFailure }) {
  const t = useT();
  const { title, detail, advice } = describeParseFailure(t, failure);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-detail">{detail}</p>
      <p className="state-detail small">{advice}</p>
    </div>
  );
}
