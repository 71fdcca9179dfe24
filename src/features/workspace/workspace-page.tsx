// Route /documents/:documentId — the side-by-side workspace.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../data/session.ts';
import { useDocument } from '../../data/documents.ts';
import { useDocumentProgress } from '../../data/document-progress.ts';
import { useDocumentParagraphs } from '../../data/paragraphs.ts';
import { useDocumentAnnotations, type Annotation } from '../../data/annotations.ts';
import { hasRole, useProjects } from '../../data/projects.ts';
import { useProfiles } from '../../data/profiles.ts';
import { errorKind, errorMessage } from '../../data/errors.ts';
import { preloadEditor } from '../../editor/lazy.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ParagraphGrid } from './paragraph-grid.tsx';
import { targetPosition } from './use-deep-link.ts';
import { GlobalSaveState } from './save-state.tsx';
import { filterNotes, rowsWithNotes, useNoteFilters } from './note-filters.ts';
import { NotesFilterBar } from './notes-filter-bar.tsx';
import { NotesUiProvider } from './notes-context.tsx';
import { Breadcrumb } from '../../components/breadcrumb.tsx';
import { InteropButtons } from './interop-buttons.tsx';
import { useDocumentLive } from '../../data/live.ts';
import { PeopleHere } from './presence.tsx';
import { DocHeader } from './doc-header.tsx';
import { PHONE_QUERY, useMediaQuery } from '../../components/use-media-query.ts';

export default function WorkspacePage() {
  const t = useT();
  const { documentId = '' } = useParams();
  const user = useCurrentUser();
  const doc = useDocument(documentId);
  const paragraphs = useDocumentParagraphs(documentId);
  // The counters are costly to compute: ask for them once the first rows are in.
  const progress = useDocumentProgress(documentId, !paragraphs.isPending);
  const annotations = useDocumentAnnotations(documentId);
  const projects = useProjects(user.id);
  const noteFilters = useNoteFilters();
  const filters = noteFilters.filters;
  // The header folds to one line once the grid scrolls; a choice made by hand holds until the
  // grid crosses back over the top.
  const [scrolled, setScrolled] = useState(false);
  const [headerChoice, setHeaderChoice] = useState<boolean | null>(null);
  // A phone has no room to spare: there the header starts folded.
  const phone = useMediaQuery(PHONE_QUERY);
  const headerCollapsed = headerChoice ?? (scrolled || phone);
  const scrolledRef = useRef(false);
  const onScrolled = useCallback((now: boolean) => {
    if (scrolledRef.current === now) return;
    scrolledRef.current = now;
    setScrolled(now);
    setHeaderChoice(null);
  }, []);
  // A deep link to a row: /documents/:id?p=N or #p-N (links pasted by hand too); a search hit
  // adds &find=QUERY, which opens the find bar on it.
  const location = useLocation();
  const [search] = useSearchParams();
  const target = targetPosition(search.get('p'), location.hash);

  useEffect(() => {
    // Fetch tiptap while the rows load, so the first click into a row edits at once.
    void preloadEditor();
  }, []);

  const project = projects.data?.find((p) => p.id === doc.data?.project_id);
  const canTranslate = hasRole(project, 'owner', 'translator');
  const canAnnotate = !!project && project.roles.length > 0;
  const canReview = hasRole(project, 'owner', 'reviewer');

  const allRows = useMemo(() => (paragraphs.data?.pages ?? []).flatMap((p) => p.rows), [paragraphs.data]);

  const notesByParagraph = useMemo(() => {
    const map = new Map<string, Annotation[]>();
    for (const note of filterNotes(annotations.data ?? [], filters)) {
      const list = map.get(note.paragraph_id);
      if (list) list.push(note);
      else map.set(note.paragraph_id, [note]);
    }
    return map;
  }, [annotations.data, filters]);
  // "Only rows with notes": the rows with a note under the filters (a merged row whole).
  const onlyRows = filters.onlyRowsWithNotes;
  const rows = useMemo(() => (onlyRows ? rowsWithNotes(allRows, (id) => notesByParagraph.has(id)) : allRows), [onlyRows, allRows, notesByParagraph]);
  // Until every page arrived, reserve rows up to the last position; positions may have gaps, so the
  // final count is the rows themselves.
  const total = paragraphs.hasNextPage && !onlyRows ? Math.max(rows.length, paragraphs.data?.pages[0]?.total ?? 0) : rows.length;

  const peopleIds = useMemo(() => {
    const ids = new Set<string>([user.id]);
    for (const a of annotations.data ?? []) ids.add(a.author_id);
    // Last editors name the other side of a conflict.
    for (const r of allRows) {
      if (r.translations?.updated_by) ids.add(r.translations.updated_by);
      if (r.translations?.reviewed_by) ids.add(r.translations.reviewed_by);
    }
    return [...ids];
  }, [annotations.data, allRows, user.id]);
  const profiles = useProfiles(peopleIds);

  // Live: others' changes arrive in the caches; where each person is goes out as presence.
  const [here, setHere] = useState<{ paragraphId: string; position: number } | null>(null);
  const me = profiles.get(user.id);
  const self = useMemo(() => ({ id: user.id, name: me?.displayName || user.email }), [user.id, user.email, me?.displayName]);
  const live = useDocumentLive(documentId, doc.data?.project_id ?? '', self, here);

  if (doc.isError) {
    return (
      <main className="page">
        <ErrorState
          title={errorKind(doc.error) === 'not-found' ? t('workspace.notFound') : t('workspace.loadError')}
          detail={errorKind(doc.error) === 'not-found' ? undefined : errorMessage(doc.error)}
          action={<Link to="/">{t('notFound.back')}</Link>}
        />
      </main>
    );
  }
  // The rows do not wait for the header: it fills in when the document row arrives.
  const d = doc.data;
  const p = progress.data;

  return (
    <main className="workspace" aria-labelledby="document-title">
      <DocHeader
        title={d?.title}
        publishedOn={d?.published_on}
        collection={d?.collection}
        keywords={d?.keywords}
        breadcrumb={<Breadcrumb label={t('workspace.breadcrumb')} items={[<Link to="/">{t('nav.library')}</Link>, <span>{project?.name ?? ''}</span>]} />}
        actions={
          <>
            {canTranslate ? (
              <Link className="button button-small" to={`/documents/${documentId}/align`}>
                {t('align.open')}
              </Link>
            ) : null}
            <InteropButtons documentId={documentId} project={project} canImport={canTranslate} />
          </>
        }
        people={<PeopleHere peers={live.peers} status={live.status} />}
        progress={p ?? undefined}
        collapsed={headerCollapsed}
        onToggle={() => setHeaderChoice(!headerCollapsed)}
      />
      {paragraphs.isPending ? (
        <Loading label={t('workspace.loadingRows')} />
      ) : paragraphs.isError && allRows.length === 0 ? (
        <ErrorState title={t('workspace.loadError')} detail={errorMessage(paragraphs.error)} />
      ) : (
        <NotesUiProvider filters={filters} updateFilters={noteFilters.update}>
        <ParagraphGrid
          key={documentId}
          documentId={documentId}
          projectId={d?.project_id ?? ''}
          initialFind={search.get('find') ?? undefined}
          onScrolled={onScrolled}
          user={user}
          rows={rows}
          total={total}
          notesByParagraph={notesByParagraph}
          canTranslate={canTranslate}
          canAnnotate={canAnnotate}
          canReview={canReview}
          profiles={profiles}
          peersByParagraph={live.peersByParagraph}
          onActiveRow={setHere}
          loadingMore={paragraphs.hasNextPage || paragraphs.isFetchingNextPage}
          target={target === null ? null : { position: target, key: location.key }}
          emptyMessage={onlyRows && !paragraphs.hasNextPage ? <p className="empty-filter muted">{t('notes.filters.noRows')}</p> : null}
          toolbar={
            <>
              <NotesFilterBar
                notes={annotations.data ?? []}
                filters={filters}
                update={noteFilters.update}
                clear={noteFilters.clear}
                profiles={profiles}
                userId={user.id}
                rowsShown={onlyRows ? rows.length : null}
              />
              {!canTranslate && project ? <span className="muted small">{t('workspace.readOnlyTranslation')}</span> : null}
              {annotations.isError ? <span className="form-error small">{t('notes.error.load')}</span> : null}
              <GlobalSaveState />
            </>
          }
        />
        </NotesUiProvider>
      )}
    </main>
  );
}
