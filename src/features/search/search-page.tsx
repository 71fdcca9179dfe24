// Route /search — a project's paragraphs (Chinese and English) and notes matching a query, with
// filters and pages; every hit opens its document at the paragraph. The URL holds the whole
// search, so results can be bookmarked, shared and gone back to.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../data/session.ts';
import { useProjects } from '../../data/projects.ts';
import { useMembers } from '../../data/members.ts';
import { ANNOTATION_KINDS } from '../../data/annotations.ts';
import { SEARCH_FIELDS, SEARCH_PAGE_SIZE, useSearch, type SearchField, type SearchHit, type SearchParams } from '../../data/search.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { MarkedText } from '../../components/marked-text.tsx';
import { DocumentPicker } from './document-picker.tsx';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import './search.css';

const STATUSES = ['empty', 'draft', 'translated', 'rejected', 'approved'] as const;
const STATUS_TONE: Record<string, BadgeTone> = { empty: 'neutral', draft: 'warning', translated: 'info', rejected: 'danger', approved: 'success' };
const LAST_PROJECT = 'duizhao.search.project';
/** The deepest hit search_project pages to. */
const MAX_OFFSET = 10_000;

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/** The search the URL describes, or null when there is nothing to ask. */
function paramsFromUrl(url: URLSearchParams, projectId: string | undefined): SearchParams | null {
  const query = url.get('q') ?? '';
  const fields = list(url.get('in')).filter((f): f is SearchField => (SEARCH_FIELDS as readonly string[]).includes(f));
  const noteKinds = list(url.get('kind'));
  const noteTags = list(url.get('tag'));
  const noteAuthors = list(url.get('author'));
  const hasNoteFilter = noteKinds.length + noteTags.length + noteAuthors.length > 0;
  if (!projectId || (query.trim() === '' && !hasNoteFilter)) return null;
  const chosen = fields.length ? fields : [...SEARCH_FIELDS];
  return {
    projectId,
    query: query.trim(),
    // Without text, only notes can be listed (by kind, tag or author).
    fields: query.trim() === '' ? ['notes'] : chosen,
    documentIds: list(url.get('doc')),
    statuses: list(url.get('status')),
    noteKinds,
    noteTags,
    noteAuthors,
    page: Math.max(0, Number.parseInt(url.get('page') ?? '0', 10) || 0),
  };
}

function rememberedProject(): string | null {
  try {
    return localStorage.getItem(LAST_PROJECT);
  } catch {
    return null;
  }
}

function HitView({ hit, query }: { hit: SearchHit; query: string }) {
  const t = useT();
  const to = `/documents/${hit.document_id}?p=${hit.position}${query ? `&find=${encodeURIComponent(query)}` : ''}`;
  const label =
    hit.kind === 'note'
      ? t('search.hit.noteLabel', { n: hit.position, title: hit.document_title })
      : t('search.hit.paragraphLabel', { n: hit.position, title: hit.document_title });
  return (
    <article className={`search-hit-card search-hit-${hit.kind}`} aria-label={label}>
      <header className="search-hit-head">
        <Link to={to} className="search-hit-link">
          {t('workspace.paragraph', { n: hit.position })}
        </Link>
        {hit.kind === 'paragraph' && hit.status ? (
          <Badge tone={STATUS_TONE[hit.status]}>{t(`translation.status.${hit.status}` as MessageKey)}</Badge>
        ) : null}
        {hit.note ? (
          <>
            <Badge tone="info">{t(`kind.${hit.note.kind}` as MessageKey)}</Badge>
            <Badge tone={hit.note.status === 'approved' ? 'success' : hit.note.status === 'draft' ? 'warning' : 'neutral'}>
              {t(`notes.status.${hit.note.status}` as MessageKey)}
            </Badge>
            <span className="muted small">{t('search.hit.by', { name: hit.note.author_name ?? '—' })}</span>
          </>
        ) : null}
      </header>
      {hit.kind === 'paragraph' ? (
        <div className="search-hit-texts">
          <p className={`search-hit-source${hit.source_match ? ' is-match' : ''}`} lang="zh-CN">
            <MarkedText text={hit.source ?? ''} />
          </p>
          <p className={`search-hit-translation${hit.translation_match ? ' is-match' : ''}`} lang="en">
            {hit.translation ? <MarkedText text={hit.translation} /> : <span className="muted">{t('workspace.notTranslated')}</span>}
          </p>
        </div>
      ) : hit.note ? (
        <div className="search-hit-note">
          {hit.note.quote ? (
            <p className="note-quote" lang="zh-CN">
              「{hit.note.quote}」
            </p>
          ) : null}
          <p>
            <MarkedText text={hit.note.text} />
          </p>
          {hit.note.tags.length ? (
            <p className="chips" aria-label={t('search.hit.tags')}>
              {hit.note.tags.map((tag) => (
                <span key={tag} className="chip">
                  {tag}
                </span>
              ))}
            </p>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

export default function SearchPage() {
  const t = useT();
  const user = useCurrentUser();
  const projects = useProjects(user.id);
  const [url, setUrl] = useSearchParams();
  const formId = useId();

  const projectList = projects.data ?? [];
  const wanted = url.get('project') ?? rememberedProject();
  const project = projectList.find((p) => p.id === wanted) ?? projectList[0];
  const params = useMemo(() => paramsFromUrl(url, project?.id), [url, project?.id]);
  const results = useSearch(params);
  const members = useMembers(project?.id ?? '', !!project);

  const [text, setText] = useState(url.get('q') ?? '');
  useEffect(() => setText(url.get('q') ?? ''), [url]);
  useEffect(() => {
    if (!project) return;
    try {
      localStorage.setItem(LAST_PROJECT, project.id);
    } catch {
      // Not remembered: the next search starts from the first project.
    }
  }, [project]);

  const fields = list(url.get('in'));
  const activeFields = fields.length ? fields : [...SEARCH_FIELDS];
  const statuses = list(url.get('status'));
  const docFilter = list(url.get('doc'));

  /** A new URL from the current one: `changes` set (null deletes), back to the first page. */
  function update(changes: Record<string, string | null>, keepPage = false) {
    const next = new URLSearchParams(url);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    if (project && !next.get('project')) next.set('project', project.id);
    setUrl(next);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update({ q: text.trim() });
  }

  function toggle(key: string, values: string[], value: string, all: readonly string[] = []) {
    const current = values.length ? values : [...all];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    update({ [key]: next.length === 0 || next.length === all.length ? null : next.join(',') });
  }

  const data = results.data;
  const page = params?.page ?? 0;
  const pages = data ? Math.max(1, Math.ceil(data.total / SEARCH_PAGE_SIZE)) : 1;

  // Hits grouped by document, in the order they come.
  const groups: { id: string; title: string; date: string | null | undefined; hits: SearchHit[] }[] = [];
  for (const hit of data?.hits ?? []) {
    const last = groups.at(-1);
    if (last?.id === hit.document_id) last.hits.push(hit);
    else groups.push({ id: hit.document_id, title: hit.document_title, date: hit.published_on, hits: [hit] });
  }

  return (
    <main className="page search-page" aria-labelledby={`${formId}-title`}>
      <h1 id={`${formId}-title`}>{t('search.title')}</h1>
      <form className="search-form" role="search" aria-label={t('search.formLabel')} onSubmit={onSubmit}>
        <div className="search-form-main">
          <label className="field">
            <span>{t('search.query')}</span>
            <input type="text" value={text} onChange={(e) => setText(e.target.value)} enterKeyHint="search" autoComplete="off" />
          </label>
          <label className="field">
            <span>{t('search.project')}</span>
            <select value={project?.id ?? ''} onChange={(e) => update({ project: e.target.value, doc: null, author: null })}>
              {projectList.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary">
            {t('search.submit')}
          </button>
        </div>
        <fieldset className="search-fields">
          <legend>{t('search.in')}</legend>
          {SEARCH_FIELDS.map((f) => (
            <label key={f} className="field-inline">
              <input type="checkbox" checked={activeFields.includes(f)} onChange={() => toggle('in', fields, f, SEARCH_FIELDS)} />
              {t(`search.in.${f}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <details
          className="search-filters"
          open={docFilter.length + statuses.length + list(url.get('kind')).length + list(url.get('tag')).length + list(url.get('author')).length > 0}
        >
          <summary>{t('search.filters')}</summary>
          {project ? (
            <DocumentPicker projectId={project.id} selected={docFilter} onChange={(ids) => update({ doc: ids.length ? ids.join(',') : null })} />
          ) : null}
          <fieldset className="search-fields">
            <legend>{t('search.status')}</legend>
            {STATUSES.map((s) => (
              <label key={s} className="field-inline">
                <input type="checkbox" checked={statuses.includes(s)} onChange={() => toggle('status', statuses, s)} />
                {t(`translation.status.${s}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div className="search-note-filters">
            <label className="field">
              <span>{t('search.noteKind')}</span>
              <select value={url.get('kind') ?? ''} onChange={(e) => update({ kind: e.target.value })}>
                <option value="">{t('search.any')}</option>
                {ANNOTATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('search.noteTag')}</span>
              <input
                type="text"
                defaultValue={url.get('tag') ?? ''}
                key={url.get('tag') ?? ''}
                onBlur={(e) => update({ tag: e.target.value.trim() })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    update({ tag: e.currentTarget.value.trim() });
                  }
                }}
              />
            </label>
            <label className="field">
              <span>{t('search.noteAuthor')}</span>
              <select value={url.get('author') ?? ''} onChange={(e) => update({ author: e.target.value })}>
                <option value="">{t('search.any')}</option>
                {[...new Map((members.data ?? []).map((m) => [m.userId, m])).values()].map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </details>
      </form>

      <section className="search-results" aria-label={t('search.results')} aria-busy={results.isFetching}>
        {projects.isPending ? (
          <Loading />
        ) : projectList.length === 0 ? (
          <EmptyState>{t('library.noProjects')}</EmptyState>
        ) : !params ? (
          <EmptyState>{t('search.prompt')}</EmptyState>
        ) : results.isError ? (
          <ErrorState title={t('search.error')} detail={errorMessage(results.error)} />
        ) : !data ? (
          <Loading label={t('search.searching')} />
        ) : data.total === 0 ? (
          <EmptyState>{t('search.none', { query: params.query })}</EmptyState>
        ) : (
          <>
            <p className="search-summary" role="status">
              {data.total_is_lower_bound ? t('search.countMore', { n: data.total.toLocaleString() }) : t('search.count', { n: data.total.toLocaleString() })}
              {data.notes ? <span className="muted"> · {t('search.countNotes', { n: data.notes })}</span> : null}
            </p>
            {groups.map((g) => (
              <section key={`${g.id}-${g.hits[0]!.paragraph_id}`} className="search-group" aria-label={g.title}>
                <h2 className="search-group-title">
                  <Link to={`/documents/${g.id}`} lang="zh-CN">
                    {g.title}
                  </Link>
                  {g.date ? <time className="muted small" dateTime={g.date}>{g.date}</time> : null}
                  {docFilter.length === 0 ? (
                    <button type="button" className="button button-small button-quiet" onClick={() => update({ doc: g.id })}>
                      {t('search.onlyThis')}
                    </button>
                  ) : null}
                </h2>
                {g.hits.map((hit) => (
                  <HitView key={`${hit.kind}-${hit.note?.id ?? hit.paragraph_id}`} hit={hit} query={params.query} />
                ))}
              </section>
            ))}
            <nav className="pager" aria-label={t('search.pages')}>
              <button type="button" className="button button-small" disabled={page === 0} onClick={() => update({ page: String(page - 1) }, true)}>
                {t('pager.previous')}
              </button>
              <span>{data.total_is_lower_bound ? t('pager.pageOfMore', { page: page + 1, pages }) : t('pager.pageOf', { page: page + 1, pages })}</span>
              <button
                type="button"
                className="button button-small"
                // Past 1,000 hits the total is a lower bound: a full page means there may be more.
                disabled={data.total_is_lower_bound ? data.hits.length < SEARCH_PAGE_SIZE || (page + 1) * SEARCH_PAGE_SIZE >= MAX_OFFSET : page + 1 >= pages}
                onClick={() => update({ page: String(page + 1) }, true)}
              >
                {t('pager.next')}
              </button>
            </nav>
          </>
        )}
      </section>
    </main>
  );
}
