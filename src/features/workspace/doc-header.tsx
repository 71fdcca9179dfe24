// The document header: breadcrumb, title, date and collection, keywords, actions and progress.
// Once the grid scrolls it folds to one line (title, progress, actions) to leave the room to the
// text; the "Document details" button folds and unfolds it by hand.
import { useId, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { KeywordChips } from '../../components/keyword-chips.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import type { DocumentProgress } from '../../data/document-progress.ts';

/** Keywords shown before the rest fold into "+N". */
const KEYWORDS_SHOWN = 8;

interface DocHeaderProps {
  title: string | undefined;
  publishedOn: string | null | undefined;
  collection: string | null | undefined;
  keywords: readonly string[] | undefined;
  breadcrumb: ReactNode;
  actions: ReactNode;
  /** Who else is in the document. */
  people: ReactNode;
  progress: DocumentProgress | undefined;
  collapsed: boolean;
  onToggle: () => void;
}

export function DocHeader({ title, publishedOn, collection, keywords, breadcrumb, actions, people, progress: p, collapsed, onToggle }: DocHeaderProps) {
  const t = useT();
  const detailsId = useId();
  const toggle = (
    <button
      type="button"
      className="button button-small button-quiet doc-header-toggle"
      aria-expanded={!collapsed}
      aria-controls={collapsed ? undefined : detailsId}
      title={collapsed ? t('workspace.header.expand') : t('workspace.header.collapse')}
      onClick={onToggle}
    >
      <span aria-hidden="true" className="doc-header-chevron">
        {collapsed ? '▸' : '▾'}
      </span>
      {/* Folded, the button shows its chevron only (its name stays for screen readers). */}
      <span className={collapsed ? 'visually-hidden' : undefined}>{t('workspace.header.toggle')}</span>
    </button>
  );

  if (collapsed) {
    return (
      <header className="doc-header is-collapsed">
        {toggle}
        <h1 id="document-title" lang="zh-CN" title={title}>
          {title ?? '\u00a0'}
        </h1>
        {p ? (
          <p className="doc-progress-line small">
            <span>{t('workspace.header.translatedShort', { done: p.translated, total: p.paragraphs })}</span>
            <span aria-hidden="true"> · </span>
            <span>{t('workspace.header.approvedShort', { done: p.approved, total: p.paragraphs })}</span>
          </p>
        ) : null}
        {people}
        <div className="doc-actions">{actions}</div>
      </header>
    );
  }

  return (
    <header className="doc-header">
      <div className="doc-header-main">
        {breadcrumb}
        <h1 id="document-title" lang="zh-CN">
          {title ?? '\u00a0'}
        </h1>
        <div id={detailsId}>
          <p className="doc-meta">
            {publishedOn ? <time dateTime={publishedOn}>{publishedOn}</time> : null}
            {collection ? (
              <>
                <span aria-hidden="true"> · </span>
                <span lang="zh-CN">{collection}</span>
              </>
            ) : null}
          </p>
          {keywords ? <KeywordChips keywords={keywords} label={t('workspace.keywords')} limit={KEYWORDS_SHOWN} /> : null}
        </div>
        <div className="doc-actions">{actions}</div>
      </div>
      <div className="doc-header-side">
        {toggle}
        {people}
        {p ? (
          <div className="doc-progress">
            <ProgressBar label={t('progress.translated')} value={p.translated} max={p.paragraphs} />
            <ProgressBar tone="approved" label={t('progress.approved')} value={p.approved} max={p.paragraphs} />
            <p className="muted small">{t('progress.notesSummary', { submitted: p.notes_submitted, approved: p.notes_approved })}</p>
          </div>
        ) : null}
      </div>
    </header>
  );
}
