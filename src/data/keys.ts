// Every query key of the app, and what each kind of write makes stale. Keys about one document
// share the prefix ['documents', id], so a document's caches are found (and dropped) together.
import type { QueryClient, QueryKey } from '@tanstack/react-query';

const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();

export const documentKeys = {
  all: ['documents'] as const,
  lists: () => ['documents', 'list'] as const,
  list: (projectIds: readonly string[]) => ['documents', 'list', { projectIds: sorted(projectIds) }] as const,
  /** Progress of every document of some projects (the library). */
  progressLists: () => ['documents', 'progress'] as const,
  progressList: (projectIds: readonly string[]) => ['documents', 'progress', { projectIds: sorted(projectIds) }] as const,
  /** Everything cached about one document. */
  scope: (documentId: string) => ['documents', documentId] as const,
  detail: (documentId: string) => ['documents', documentId, 'detail'] as const,
  paragraphs: (documentId: string) => ['documents', documentId, 'paragraphs'] as const,
  annotations: (documentId: string) => ['documents', documentId, 'annotations'] as const,
  progress: (documentId: string) => ['documents', documentId, 'progress'] as const,
  applyAlignment: (documentId: string) => ['documents', documentId, 'apply-alignment'] as const,
  /** Exports and imports of the document's translations (mutations). */
  interop: (documentId: string) => ['documents', documentId, 'interop'] as const,
  /** Replies to the document's notes, and the review decisions on its notes and rows. */
  replies: (documentId: string) => ['documents', documentId, 'replies'] as const,
  decisions: (documentId: string) => ['documents', documentId, 'decisions'] as const,
  /** One row's revisions and decisions (the history dialog). */
  histories: (documentId: string) => ['documents', documentId, 'history'] as const,
  history: (documentId: string, translationId: string) => ['documents', documentId, 'history', translationId] as const,
  /** What deleting the document would take with it. */
  footprint: (documentId: string) => ['documents', documentId, 'footprint'] as const,
  /** QA findings ignored on the document's rows, with their reasons. */
  qaIgnores: (documentId: string) => ['documents', documentId, 'qa-ignores'] as const,
  /** Documents of a project holding the same text as a parsed file (before an import). */
  duplicates: (projectId: string, parseKey: string) => ['documents', 'list', 'duplicates', { projectId, parseKey }] as const,
  /** Pages of one project's library list (filtered, sorted). */
  libraryPages: () => ['documents', 'library'] as const,
  libraryPage: (projectId: string, options: object) => ['documents', 'library', projectId, options] as const,
  /** The collections a project's documents come from (the library's filter). */
  collections: (projectId: string) => ['documents', 'library', projectId, 'collections'] as const,
};

/** Project search results and concordances: read models of everything, refreshed when anything is written. */
export const searchKeys = {
  all: ['search'] as const,
  results: (params: object) => ['search', 'results', params] as const,
  concordance: (params: object) => ['search', 'concordance', params] as const,
  documentTitles: (projectId: string, text: string | null, ids: string[]) => ['search', 'document-titles', projectId, text, ids] as const,
};

export const memoryKeys = {
  all: ['translation-memory'] as const,
  suggestions: (paragraphId: string) => ['translation-memory', 'suggestions', paragraphId] as const,
  imports: (projectId: string) => ['translation-memory', 'imports', projectId] as const,
  /** The English other documents of the project give the Chinese of a document's rows (QA consistency). */
  otherRenderings: (documentId: string) => ['translation-memory', 'other-renderings', documentId] as const,
};

export const projectKeys = {
  all: ['projects'] as const,
  list: (userId: string) => ['projects', 'list', { userId }] as const,
  members: (projectId: string) => ['projects', projectId, 'members'] as const,
  invitations: (projectId: string) => ['projects', projectId, 'invitations'] as const,
  importDocument: () => ['projects', 'import-document'] as const,
};

/** QA findings ignored on one row, outside its document's cache (the review queue). */
export const qaIgnoreKeys = {
  all: ['qa-ignores'] as const,
  paragraph: (paragraphId: string) => ['qa-ignores', 'paragraph', paragraphId] as const,
};

/** The tags on a project's notes (autocomplete). */
export const noteTagKeys = {
  all: ['note-tags'] as const,
  list: (projectId: string) => ['note-tags', projectId] as const,
};

/** A project's glossary (term base). */
export const glossaryKeys = {
  all: ['glossary'] as const,
  list: (projectId: string) => ['glossary', projectId] as const,
};

export const reviewKeys = {
  all: ['review-queue'] as const,
  list: (userId: string, projectIds: readonly string[]) => ['review-queue', 'list', { userId, projectIds: sorted(projectIds) }] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (userId: string) => ['notifications', 'list', { userId }] as const,
};

export const myWorkKeys = {
  all: ['my-work'] as const,
  list: (userId: string) => ['my-work', 'list', { userId }] as const,
};

export const profileKeys = {
  all: ['profiles'] as const,
  list: (ids: readonly string[]) => ['profiles', 'list', { ids: sorted(ids) }] as const,
};

/** A write that succeeded, and where. */
export type DataChange =
  /** A note was created, edited, submitted or deleted. */
  | { type: 'annotation'; documentId: string }
  /** The outbox got a translation acknowledged (the paragraph cache already holds the row). */
  | { type: 'translation'; documentId: string }
  /** A reviewer approved or rejected a note or a translation, or undid that. */
  | { type: 'review'; documentId: string }
  /** Several items approved at once, maybe across documents. */
  | { type: 'bulk-review' }
  /** A reply to a note was written, edited or deleted. */
  | { type: 'reply'; documentId: string }
  /** A document was renamed or deleted. */
  | { type: 'document'; documentId: string }
  /** A project was created or renamed. */
  | { type: 'project' }
  /** An alignment was written into a document's translations. */
  | { type: 'alignment'; documentId: string }
  /** Translations done elsewhere (XLIFF, TMX) were written into a document as drafts. */
  | { type: 'translations-imported'; documentId: string }
  /** A document was imported into a project. */
  | { type: 'import'; projectId: string }
  /** A project's members or their roles changed. */
  | { type: 'membership'; projectId: string }
  /** A translation memory file was imported into a project, or removed. */
  | { type: 'memory'; projectId: string }
  /** Glossary entries of a project were added, changed, approved, imported or deleted. */
  | { type: 'glossary'; projectId: string }
  /** A QA finding of a row was ignored, or the ignore taken back. */
  | { type: 'qa-ignore'; documentId: string }
  /** The user's notifications changed (a new one arrived over Realtime, or some were marked read). */
  | { type: 'notification' };

/** The one invalidation map: the queries each change makes stale. */
const STALE: { [T in DataChange['type']]: (change: Extract<DataChange, { type: T }>) => QueryKey[] } = {
  annotation: ({ documentId }) => [
    documentKeys.annotations(documentId),
    documentKeys.progress(documentId),
    documentKeys.progressLists(),
    documentKeys.libraryPages(),
    reviewKeys.all,
    myWorkKeys.all,
    searchKeys.all,
    noteTagKeys.all,
  ],
  // Search finds the new English; the memory learns it too, but a row's suggestions (refetched on
  // every autosave otherwise) may lag until they go stale.
  translation: ({ documentId }) => [
    documentKeys.progress(documentId),
    documentKeys.progressLists(),
    documentKeys.libraryPages(),
    documentKeys.histories(documentId),
    myWorkKeys.all,
    searchKeys.all,
  ],
  review: ({ documentId }) => [
    reviewKeys.all,
    documentKeys.annotations(documentId),
    documentKeys.paragraphs(documentId),
    documentKeys.progress(documentId),
    documentKeys.progressLists(),
    documentKeys.decisions(documentId),
    documentKeys.histories(documentId),
    documentKeys.libraryPages(),
    searchKeys.all,
    memoryKeys.all,
  ],
  // Decisions across documents: every document's rows and notes may have changed.
  'bulk-review': () => [reviewKeys.all, documentKeys.all, searchKeys.all, memoryKeys.all],
  reply: ({ documentId }) => [documentKeys.replies(documentId)],
  // A deleted document takes notes, rows and notifications with it, wherever they were shown.
  document: () => [documentKeys.all, reviewKeys.all, myWorkKeys.all, notificationKeys.all, searchKeys.all, memoryKeys.all],
  project: () => [projectKeys.all],
  alignment: ({ documentId }) => [
    documentKeys.paragraphs(documentId),
    documentKeys.progress(documentId),
    documentKeys.progressLists(),
    documentKeys.libraryPages(),
    searchKeys.all,
    memoryKeys.all,
  ],
  // Drafts replace rows that may have been waiting for review.
  'translations-imported': ({ documentId }) => [
    documentKeys.paragraphs(documentId),
    documentKeys.progress(documentId),
    documentKeys.progressLists(),
    documentKeys.histories(documentId),
    documentKeys.libraryPages(),
    reviewKeys.all,
    searchKeys.all,
    memoryKeys.all,
  ],
  import: () => [documentKeys.lists(), documentKeys.progressLists(), documentKeys.libraryPages(), searchKeys.all],
  // A project's members and invitations sit under ['projects', id]: one prefix covers them and the roles in the project list.
  membership: () => [projectKeys.all, searchKeys.all, memoryKeys.all],
  memory: () => [memoryKeys.all],
  glossary: ({ projectId }) => [glossaryKeys.list(projectId)],
  'qa-ignore': ({ documentId }) => [documentKeys.qaIgnores(documentId), qaIgnoreKeys.all],
  notification: () => [notificationKeys.all],
};

export function staleKeys(change: DataChange): QueryKey[] {
  return (STALE[change.type] as (c: DataChange) => QueryKey[])(change);
}

/** Marks what `change` made stale and refetches the queries in use; resolves when they are back. */
export async function invalidate(queryClient: QueryClient, change: DataChange): Promise<void> {
  await Promise.all(staleKeys(change).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
