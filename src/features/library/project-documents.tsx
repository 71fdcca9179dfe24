// A project's documents in the library: filtered (title, text, keyword, collection, date range), sorted
// (date, title, progress, recently added) and paged in the database, with their counters, so a
// project of 10,000 documents shows its first page as fast as one of ten.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { EMPTY_LIBRARY_OPTIONS, LIBRARY_PAGE_SIZE, LIBRARY_SORTS, useCollections, useLibraryPage, type LibraryOptions, type LibrarySort } from '../../data/library.ts';
import type { DocumentProgress } from '../../data/document-progress.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { DocumentTable } from './document-table.tsx';
import './library.css';

/** Typing settles for this long before the list is asked again. */
const SETTLE_MS = 300;

export function ProjectDocuments({ projectId, projectName, isOwner, empty }: { projectId: string; projectName: string; isOwner: boolean; empty: ReactNode }) {
  const t = useT();
  const id = useId();
  const [options, setOptions] = useState<LibraryOptions>(EMPTY_LIBRARY_OPTIONS);
  const [text, setText] = useState('');
  const [keyword, setKeyword] = useState('');
  const [content, setContent] = useState('');
  const page = useLibraryPage(projectId, options);
  const collections = useCollections(projectId);

  const set = (changes: Partial<LibraryOptions>) => setOptions((o) => ({ ...o, ...changes, page: changes.page ?? 0 }));
  useEffect(() => {
    const timer = setTimeout(
      () => setOptions((o) => (o.text === text && o.keyword === keyword && o.content === content ? o : { ...o, text, keyword, content, page: 0 })),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [text, keyword, content]);

  const filtered = options.text || options.content || options.keyword || options.collection || options.from || options.to;
  const data = page.data;
  const total = data?.total ?? 0;
  const first = options.page * LIBRARY_PAGE_SIZE;
  const progress = new Map<string, DocumentProgress>(
    (data?.rows ?? []).map((r) => [
      r.id,
      {
        document_id: r.id,
        project_id: r.project_id,
        paragraphs: r.paragraphs,
        translated: r.translated,
        approved: r.approved,
        notes_submitted: r.notes_submitted,
        notes_approved: r.notes_approved,
      },
    ]),
  );

  if (page.isPending) return <Loading />;
  if (page.isError) return <ErrorState title={t('library.error')} detail={errorMessage(page.error)} />;
  if (total === 0 && !filtered) return <>{empty}</>;

  return (
    <div className="library-documents">
      <form className="library-filters" aria-label={t('library.filters', { name: projectName })} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('library.filter.text')}</span>
          <input type="text" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('library.filter.content')}</span>
          <input
            type="text"
            value={content}
            onChange={(e) => setContent(e.target.value)}
            autoComplete="off"
            maxLength={200}
            placeholder={t('library.filter.contentPlaceholder')}
            aria-describedby={`${id}-content-hint`}
          />
        </label>
        <label className="field">
          <span>{t('library.filter.keyword')}</span>
          <input type="text" value={keyword} onChange={(e) => setKeyword(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t('library.filter.collection')}</span>
          <select value={options.collection} onChange={(e) => set({ collection: e.target.value })}>
            <option value="">{t('library.filter.any')}</option>
            {(collections.data ?? []).map((c) => (
              <option key={c.collection} value={c.collection}>
                {c.collection} ({c.documents.toLocaleString()})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('library.filter.from')}</span>
          <input type="date" value={options.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('library.filter.to')}</span>
          <input type="date" value={options.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('library.sort')}</span>
          <select value={options.sort} onChange={(e) => set({ sort: e.target.value as LibrarySort })}>
            {LIBRARY_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`library.sort.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {filtered ? (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              setText('');
              setKeyword('');
              setContent('');
              setOptions({ ...EMPTY_LIBRARY_OPTIONS, sort: options.sort });
            }}
          >
            {t('library.filter.clear')}
          </button>
        ) : null}
        <p id={`${id}-content-hint`} className="library-filter-hint muted small">
          {t('library.filter.contentHint')}
        </p>
      </form>
      {total === 0 ? (
        <EmptyState>{t('library.noMatch')}</EmptyState>
      ) : (
        <>
          <DocumentTable documents={data?.rows ?? []} progress={progress} caption={t('library.documentsOf', { name: projectName })} isOwner={isOwner} />
          <nav className="pager" aria-label={t('library.pages', { name: projectName })} aria-busy={page.isFetching}>
            <button type="button" className="button button-small" disabled={options.page === 0} onClick={() => set({ page: options.page - 1 })}>
              {t('pager.previous')}
            </button>
            <span id={`${id}-range`}>
              {t('library.range', {
                from: (first + 1).toLocaleString(),
                to: Math.min(first + LIBRARY_PAGE_SIZE, total).toLocaleString(),
                total: total.toLocaleString(),
              })}
            </span>
            <button type="button" className="button button-small" disabled={first + LIBRARY_PAGE_SIZE >= total} onClick={() => set({ page: options.page + 1 })}>
              {t('pager.next')}
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
