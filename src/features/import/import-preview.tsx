// The preview of a parsed file: its details (title, date, collection, keywords — editable before
// the import), every paragraph as it will be stored (a virtualised list, the closing block's
// signatory columns shown as columns), and what the importer noticed, in the reader's language.
import { Fragment, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { countParagraphs, type ImportedParagraph, type ImportNotice, type ParsedDocument } from '../../domain/import/index.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Badge } from '../../components/badge.tsx';
import { KeywordChips } from '../../components/keyword-chips.tsx';
import { splitKeywords, type DocumentDetails } from './details.ts';

interface ImportPreviewProps {
  parsed: ParsedDocument;
  idPrefix: string;
  title: string;
  titleError: boolean;
  /** The details as they will be stored: the file's, or what the user typed. */
  details: Required<DocumentDetails>;
  disabled: boolean;
  onTitleChange: (title: string) => void;
  onDetailsChange: (details: DocumentDetails) => void;
}

export function ImportPreview({ parsed, idPrefix, title, titleError, details, disabled, onTitleChange, onDetailsChange }: ImportPreviewProps) {
  const t = useT();
  const counts = countParagraphs(parsed);
  const otherMetadata = Object.entries(parsed.metadata).filter(([key]) => !['关键词', '发布时间'].includes(key));
  const titleId = `${idPrefix}-title`;
  const english = parsed.notices.find((n) => n.key === 'looksEnglish');
  const notices = parsed.notices.filter((n) => n.key !== 'looksEnglish');
  return (
    <div className="import-preview">
      {english ? (
        <div className="state state-warning import-english">
          <p className="state-title">{noticeText(t, english)}</p>
          <p className="state-detail small">{t('import.looksEnglish.hint')}</p>
        </div>
      ) : null}
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
        <div className="import-details">
          <div className="field">
            <label htmlFor={`${idPrefix}-date`}>{t('import.meta.date')}</label>
            <input
              id={`${idPrefix}-date`}
              type="date"
              value={details.published_on ?? ''}
              disabled={disabled}
              onChange={(e) => onDetailsChange({ published_on: e.target.value || null })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${idPrefix}-collection`}>{t('import.meta.collection')}</label>
            <input
              id={`${idPrefix}-collection`}
              lang="zh-CN"
              value={details.collection ?? ''}
              disabled={disabled}
              onChange={(e) => onDetailsChange({ collection: e.target.value.trim() === '' ? null : e.target.value })}
            />
          </div>
          <div className="field import-keywords">
            <label htmlFor={`${idPrefix}-keywords`}>{t('import.field.keywords')}</label>
            <input
              id={`${idPrefix}-keywords`}
              lang="zh-CN"
              value={details.keywordsText}
              disabled={disabled}
              onChange={(e) => onDetailsChange({ keywordsText: e.target.value })}
            />
            <KeywordChips keywords={splitKeywords(details.keywordsText)} label={t('import.meta.keywords')} />
          </div>
        </div>
        <dl className="import-facts">
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
        <h3 id={`${idPrefix}-paragraphs`}>{t('import.allParagraphs', { count: parsed.paragraphs.length })}</h3>
        <ParagraphList paragraphs={parsed.paragraphs} labelledBy={`${idPrefix}-paragraphs`} />
      </div>

      <div className="import-warnings">
        <h3>{t('import.warnings')}</h3>
        {notices.length > 0 ? (
          <ul>
            {notices.map((n, i) => (
              <li key={i}>{noticeText(t, n)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted small">{t('import.noWarnings')}</p>
        )}
      </div>
    </div>
  );
}

function noticeText(t: ReturnType<typeof useT>, notice: ImportNotice): string {
  return t(`importNotice.${notice.key}` as MessageKey, notice.params);
}

/** Every paragraph, rendered only where the list is scrolled to. */
function ParagraphList({ paragraphs, labelledBy }: { paragraphs: readonly ImportedParagraph[]; labelledBy: string }) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: paragraphs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 56,
    overscan: 8,
  });
  return (
    <div ref={scrollRef} className="import-paragraphs-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <ol className="import-paragraphs" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const p = paragraphs[item.index]!;
          const columns = p.kind === 'closing' ? p.text.split('\u3000') : [p.text];
          return (
            <li
              key={p.position}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={`import-paragraph import-paragraph-${p.kind}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <span className="import-paragraph-no muted small">{p.position}</span>
              {p.kind !== 'body' ? <Badge tone={p.kind === 'heading' ? 'info' : 'neutral'}>{t(`import.kind.${p.kind}` as MessageKey)}</Badge> : null}
              {columns.length > 1 ? (
                <span lang="zh-CN" className="import-paragraph-text import-closing-columns" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
                  {columns.map((c, k) => (
                    <span key={k}>{c}</span>
                  ))}
                </span>
              ) : (
                <span lang="zh-CN" className="import-paragraph-text">
                  {p.text}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
