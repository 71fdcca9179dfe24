// The preview of a parsed file: its title (editable), metadata, paragraph counts, first
// paragraphs and the parser's remarks.
import { Fragment } from 'react';
import { countParagraphs, type ParsedDocument } from '../../domain/import/index.ts';
import { truncateCodePoints } from '../../domain/text/index.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Badge } from '../../components/badge.tsx';
import { KeywordChips } from '../../components/keyword-chips.tsx';

const PREVIEW_PARAGRAPHS = 6;
const PREVIEW_CHARACTERS = 160;

function excerpt(text: string): string {
  return truncateCodePoints(text, PREVIEW_CHARACTERS);
}

interface ImportPreviewProps {
  parsed: ParsedDocument;
  titleId: string;
  title: string;
  titleError: boolean;
  disabled: boolean;
  onTitleChange: (title: string) => void;
}

export function ImportPreview({ parsed, titleId, title, titleError, disabled, onTitleChange }: ImportPreviewProps) {
  const t = useT();
  const counts = countParagraphs(parsed);
  const otherMetadata = Object.entries(parsed.metadata).filter(([key]) => !['关键词', '发布时间'].includes(key));
  return (
    <div className="import-preview">
      <div className="import-preview-meta">
        <div className="field">
          <label htmlFor={titleId}>{t('import.field.title')}</label>
          <input
            id={titleId}
            lang="zh-CN"
            value={title}
            disabled={disabled}
            aria-invalid={titleError || undefined}
            aria-describedby={titleError ? `${titleId}-error` : undefined}
            onChange={(e) => onTitleChange(e.target.value)}
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
  );
}
