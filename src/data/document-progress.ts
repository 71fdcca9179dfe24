// Progress counters per document, from the document_progress view.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

const count = z.catch(z.coerce.number(), 0);
export const documentProgressSchema = z.object({
  document_id: z.string(),
  project_id: z.string(),
  paragraphs: count,
  translated: count,
  approved: count,
  notes_submitted: count,
  notes_approved: count,
});
export type DocumentProgress = z.infer<typeof documentProgressSchema>;

const COLUMNS = 'document_id,project_id,paragraphs,translated,approved,notes_submitted,notes_approved';

export async function fetchProgress(filter: { projectIds: readonly string[] } | { documentId: string }, signal?: AbortSignal) {
  const all = supabase.from('document_progress').select(COLUMNS);
  const query = 'documentId' in filter ? all.eq('document_id', filter.documentId) : all.in('project_id', [...filter.projectIds]);
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(documentProgressSchema).parse(data);
}

export const projectsProgressQuery = (projectIds: readonly string[]) =>
  queryOptions({
    queryKey: documentKeys.progressList(projectIds),
    queryFn: ({ signal }) => fetchProgress({ projectIds }, signal),
  });

export const documentProgressQuery = (documentId: string) =>
  queryOptions({
    queryKey: documentKeys.progress(documentId),
    queryFn: async ({ signal }) => (await fetchProgress({ documentId }, signal))[0] ?? null,
  });

export function useProjectsProgress(projectIds: readonly string[]) {
  return useQuery({ ...projectsProgressQuery(projectIds), enabled: projectIds.length > 0 });
}

export function useDocumentProgress(documentId: string, enabled = true) {
  return useQuery({ ...documentProgressQuery(documentId), enabled });
}
