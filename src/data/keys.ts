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
};

export const projectKeys = {
  all: ['projects'] as const,
  list: (userId: string) => ['projects', 'list', { userId }] as const,
  members: (projectId: string) => ['projects', projectId, 'members'] as const,
  importDocument: () => ['projects', 'import-document'] as const,
};

export const reviewKeys = {
  all: ['review-queue'] as const,
  list: (userId: string, projectIds: readonly string[]) => ['review-queue', 'list', { userId, projectIds: sorted(projectIds) }] as const,
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
  /** A reviewer approved or rejected a note or a translation. */
  | { type: 'review'; documentId: string }
  /** An alignment was written into a document's translations. */
  | { type: 'alignment'; documentId: string }
  /** A document was imported into a project. */
  | { type: 'import'; projectId: string }
  /** A project's members or their roles changed. */
  | { type: 'membership'; projectId: string };

/** The one invalidation map: the queries each change makes stale. */
const STALE: { [T in DataChange['type']]: (change: Extract<DataChange, { type: T }>) => QueryKey[] } = {
  annotation: ({ documentId }) => [documentKeys.annotations(documentId), documentKeys.progress(documentId), documentKeys.progressLists(), reviewKeys.all],
  translation: ({ documentId }) => [documentKeys.progress(documentId), documentKeys.progressLists()],
  review: ({ documentId }) => [
    reviewKeys.all,
    documentKeys.annotations(documentId),
    documentKeys.paragraphs(documentId),
    documentKeys.progress(documentId),
    documentKeys.progressLists(),
  ],
  alignment: ({ documentId }) => [documentKeys.paragraphs(documentId), documentKeys.progress(documentId), documentKeys.progressLists()],
  import: () => [documentKeys.lists(), documentKeys.progressLists()],
  // A project's members sit under ['projects', id]: one prefix covers them and the roles in the project list.
  membership: () => [projectKeys.all],
};

export function staleKeys(change: DataChange): QueryKey[] {
  return (STALE[change.type] as (c: DataChange) => QueryKey[])(change);
}

/** Marks what `change` made stale and refetches the queries in use; resolves when they are back. */
export async function invalidate(queryClient: QueryClient, change: DataChange): Promise<void> {
  await Promise.all(staleKeys(change).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
