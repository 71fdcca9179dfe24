// Documents of the user's projects (list) and one document's header (detail).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

export const documentSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  published_on: z.nullish(z.string()),
  keywords: z.pipe(
    z.nullish(z.array(z.string())),
    z.transform((k) => k ?? []),
  ),
  collection: z.nullish(z.string()),
  source_line: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
});
export type DocumentRow = z.infer<typeof documentSchema>;

const COLUMNS = 'id,project_id,title,published_on,keywords,collection,source_line,created_at';

export async function fetchDocuments(projectIds: readonly string[], signal?: AbortSignal): Promise<DocumentRow[]> {
  if (projectIds.length === 0) return [];
  const query = supabase
    .from('documents')
    .select(COLUMNS)
    .in('project_id', [...projectIds])
    .order('published_on', { ascending: false, nullsFirst: false })
    .order('title');
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(documentSchema).parse(data);
}

export async function fetchDocument(id: string, signal?: AbortSignal): Promise<DocumentRow> {
  const query = supabase.from('documents').select(COLUMNS).eq('id', id);
  const { data } = await withSignal(query, signal).single().throwOnError();
  return documentSchema.parse(data);
}

export const documentsQuery = (projectIds: readonly string[]) =>
  queryOptions({
    queryKey: documentKeys.list(projectIds),
    queryFn: ({ signal }) => fetchDocuments(projectIds, signal),
  });

export const documentQuery = (id: string) =>
  queryOptions({
    queryKey: documentKeys.detail(id),
    queryFn: ({ signal }) => fetchDocument(id, signal),
  });

export function useDocuments(projectIds: readonly string[]) {
  return useQuery({ ...documentsQuery(projectIds), enabled: projectIds.length > 0 });
}

export function useDocument(id: string) {
  return useQuery(documentQuery(id));
}
