import { Link } from 'react-router-dom';
import type { DocumentRow } from '../../data/documents.ts';
import type { DocumentProgress } from '../../data/document-progress.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { KeywordChips } from '../../components/keyword-chips.tsx';
import { DocumentActions } from './document-actions.tsx';
import { PHONE_QUERY, useMediaQuery } from '../../components/use-media-query.ts';

interface DocumentListProps {
  documents: DocumentRow[];
  progress: Map<string, DocumentProgress>;
  caption: string;
  isOwner: boolean;
}

export function DocumentTable({
  documents,
  progress,
  caption,
  isOwner,
}: DocumentListProps) {
  const t = useT();
  const phone = useMediaQuery(PHONE_QUERY);
  if (phone) return <DocumentCards documents={documents} progress={progress} caption={caption} isOwner={isOwner} />;
  return (
    <table className="documents">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('library.col.title')}</th>
          <th scope="col">{t('library.col.date')}</th>
          <th scope="col">{t('library.col.keywords')}</th>
          <th scope="col">{t('library.col.progress')}</th>
          {isOwner ? (
            <th scope="col">
              <span className="visually-hidden">{t('library.col.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => {
          const p = progress.get(d.id);
          return (
            <tr key={d.id}>
              <td className="doc-title">
                <Link to={`/documents/${d.id}`} lang="zh-CN">
                  {d.title}
                </Link>
                {d.collection ? (
                  <div className="muted small" lang="zh-CN">
                    {d.collection}
                  </div>
                ) : null}
              </td>
              <td className="nowrap">{d.published_on ? <time dateTime={d.published_on}>{d.published_on}</time> : '—'}</td>
              <td>
                <KeywordChips keywords={d.keywords} label={t('library.keywordsOf', { title: d.title })} limit={8} />
              </td>
              <td className="doc-progress">
                {p ? (
                  <>
                    <ProgressBar compact label={t('progress.translated')} value={p.translated} max={p.paragraphs} />
                    <ProgressBar compact tone="approved" label={t('progress.approved')} value={p.approved} max={p.paragraphs} />
                    <ProgressBar
                      compact
                      tone="notes"
                      label={t('progress.notesApproved')}
                      value={p.notes_approved}
                      max={p.notes_submitted + p.notes_approved}
                    />
                    <div className="muted small">{t('progress.notesSummary', { submitted: p.notes_submitted, approved: p.notes_approved })}</div>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              {isOwner ? (
                <td>
                  <DocumentActions document={d} />
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** On a phone: one card per document (title, date, keywords, progress, actions), no table to scroll. */
function DocumentCards({
  documents,
  progress,
  caption,
  isOwner,
}: DocumentListProps) {
  const t = useT();
  return (
    <ul className="document-cards" aria-label={caption}>
      {documents.map((d) => {
        const p = progress.get(d.id);
        return (
          <li key={d.id} className="document-card">
            <Link className="document-card-title" to={`/documents/${d.id}`} lang="zh-CN">
              {d.title}
            </Link>
            <p className="muted small document-card-meta">
              {d.published_on ? <time dateTime={d.published_on}>{d.published_on}</time> : null}
              {d.published_on && d.collection ? <span aria-hidden="true"> · </span> : null}
              {d.collection ? <span lang="zh-CN">{d.collection}</span> : null}
            </p>
            <KeywordChips keywords={d.keywords} label={t('library.keywordsOf', { title: d.title })} limit={4} />
            {p ? (
              <div className="document-card-progress">
                <ProgressBar compact label={t('progress.translated')} value={p.translated} max={p.paragraphs} />
                <ProgressBar compact tone="approved" label={t('progress.approved')} value={p.approved} max={p.paragraphs} />
                <div className="muted small">{t('progress.notesSummary', { submitted: p.notes_submitted, approved: p.notes_approved })}</div>
              </div>
            ) : null}
            {isOwner ? <DocumentActions document={d} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
