// Documents of the user's projects (list) and one document's header (detail).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys, invalidate } from './keys.ts';
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

export function useDocument(id: string, enabled = true) {
  return useQuery({ ...documentQuery(id), enabled });
}

export function useRenameDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ documentId, title }: { documentId: string; title: string }) => {
      await supabase.from('documents').update({ title: title.trim() }).eq('id', documentId).select('id').single().throwOnError();
    },
    onSettled: (_r, _e, { documentId }) => invalidate(queryClient, { type: 'document', documentId }),
  });
}

const footprintSchema = z.object({
  document_id: z.string(),
  title: z.string(),
  paragraphs: z.int(),
  translations: z.int(),
  notes: z.int(),
  replies: z.int(),
  revisions: z.int(),
  decisions: z.int(),
});
/** What deleting a document takes with it. */
export type DocumentFootprint = z.infer<typeof footprintSchema>;

export function useDocumentFootprint(documentId: string | null) {
  return useQuery({
    queryKey: documentKeys.footprint(documentId ?? ''),
    queryFn: async () => {
      const { data } = await supabase.rpc('document_footprint', { p_document_id: documentId! }).throwOnError();
      return footprintSchema.parse(data);
    },
    enabled: !!documentId,
    staleTime: 0,
  });
}

/** Deletes a document with everything on it, in one transaction; answers what went. */
export function useDeleteDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (documentId: string) => {
      const { data } = await supabase.rpc('delete_document', { p_document_id: documentId }).throwOnError();
      return footprintSchema.parse(data);
    },
    // Nothing of the document is worth keeping in the cache.
    onSuccess: (_footprint, documentId) => queryClient.removeQueries({ queryKey: documentKeys.scope(documentId) }),
    onSettled: (_r, _e, documentId) => invalidate(queryClient, { type: 'document', documentId }),
  });
}

const duplicateSchema = z.object({
  id: z.string(),
  title: z.string(),
  created_at: z.string(),
  created_by_name: z.nullish(z.string()),
});
export type DuplicateDocument = z.infer<typeof duplicateSchema>;

/** Documents of the project holding the same text as `paragraphs` (same normalised content hash). */
export async function findDuplicateDocuments(projectId: string, paragraphs: readonly { position: number; text: string }[]): Promise<DuplicateDocument[]> {
  const { data } = await supabase
    .rpc('find_duplicate_documents', { p_project_id: projectId, p_document: { paragraphs: paragraphs.map(({ position, text }) => ({ position, text })) } })
    .throwOnError();
  return z.array(duplicateSchema).parse(data);
}

