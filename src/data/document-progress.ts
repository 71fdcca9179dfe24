// Progress counters per document, from the document_progress view.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { entityKeys } from './keys.ts';

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

export const progressKeys = entityKeys('document-progress');

export async function fetchProgress(filter: { projectIds: readonly string[] } | { documentId: string }, signal?: AbortSignal) {
  let query = supabase.from('document_progress').select(COLUMNS);
  query = 'documentId' in filter ? query.eq('document_id', filter.documentId) : query.in('project_id', [...filter.projectIds]);
  if (signal) query = query.abortSignal(signal);
  const { data } = await query.throwOnError();
  return z.array(documentProgressSchema).parse(data);
}

export const projectsProgressQuery = (projectIds: readonly string[]) =>
  queryOptions({
    queryKey: progressKeys.list({ projectIds: [...projectIds].sort() }),
    queryFn: ({ signal }) => fetchProgress({ projectIds }, signal),
  });

export const documentProgressQuery = (documentId: string) =>
  queryOptions({
    queryKey: progressKeys.detail(documentId),
    queryFn: async ({ signal }) => (await fetchProgress({ documentId }, signal))[0] ?? null,
  });

export function useProjectsProgress(projectIds: readonly string[]) {
  return useQuery({ ...projectsProgressQuery(projectIds), enabled: projectIds.length > 0 });
}

export function useDocumentProgress(documentId: string, enabled = true) {
  return useQuery({ ...documentProgressQuery(documentId), enabled });
}
