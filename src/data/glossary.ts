// A project's glossary (glossary_entries: read in pages, written with plain inserts and updates under
// RLS, imported at once through import_glossary) and the QA findings ignored on a document's rows.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys, glossaryKeys, invalidate, memoryKeys, qaIgnoreKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

export const GLOSSARY_KINDS = ['term', 'person', 'place', 'organisation', 'treaty'] as const;
export type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

export const glossaryEntrySchema = z.object({
  id: z.string(),
  project_id: z.string(),
  zh: z.string(),
  en: z.array(z.string()),
  forbidden: z.array(z.string()),
  kind: z.catch(z.enum(GLOSSARY_KINDS), 'term'),
  note: z.string(),
  source: z.string(),
  status: z.enum(['proposed', 'approved']),
  from_annotation_id: z.nullish(z.string()),
  created_by: z.nullish(z.string()),
  approved_by: z.nullish(z.string()),
  approved_at: z.nullish(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

const COLUMNS = 'id,project_id,zh,en,forbidden,kind,note,source,status,from_annotation_id,created_by,approved_by,approved_at,created_at,updated_at';
const PAGE = 1000;

export async function fetchGlossary(projectId: string, signal?: AbortSignal): Promise<GlossaryEntry[]> {
  const all: GlossaryEntry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const query = supabase
      .from('glossary_entries')
      .select(COLUMNS)
      .eq('project_id', projectId)
      .order('zh')
      .order('id')
      .range(offset, offset + PAGE - 1);
    const { data } = await withSignal(query, signal).throwOnError();
    const rows = z.array(glossaryEntrySchema).parse(data);
    all.push(...rows);
    if (rows.length < PAGE) return all;
  }
}

export const glossaryQuery = (projectId: string) =>
  queryOptions({
    queryKey: glossaryKeys.list(projectId),
    queryFn: ({ signal }) => fetchGlossary(projectId, signal),
    staleTime: 60_000,
  });

export function useGlossary(projectId: string) {
  return useQuery({ ...glossaryQuery(projectId), enabled: projectId !== '' });
}

/** What the glossary form edits. */
export interface GlossaryFields {
  zh: string;
  en: string[];
  forbidden: string[];
  kind: GlossaryKind;
  note: string;
  source: string;
}

export async function insertGlossaryEntry(
  projectId: string,
  fields: GlossaryFields & { status?: 'proposed' | 'approved'; from_annotation_id?: string | null },
): Promise<GlossaryEntry> {
  const { data } = await supabase
    .from('glossary_entries')
    .insert({ project_id: projectId, ...fields })
    .select(COLUMNS)
    .single()
    .throwOnError();
  return glossaryEntrySchema.parse(data);
}

export async function updateGlossaryEntry(id: string, patch: Partial<GlossaryFields> & { status?: 'proposed' | 'approved' }): Promise<GlossaryEntry> {
  const { data } = await supabase.from('glossary_entries').update(patch).eq('id', id).select(COLUMNS).maybeSingle().throwOnError();
  // RLS filters an update the caller may not make: no row comes back.
  if (!data) throw new Error('This entry cannot be changed by you (or it was deleted).');
  return glossaryEntrySchema.parse(data);
}

export async function deleteGlossaryEntry(id: string): Promise<void> {
  const { data } = await supabase.from('glossary_entries').delete().eq('id', id).select('id').throwOnError();
  if (!data?.length) throw new Error('This entry cannot be deleted by you (or it was already deleted).');
}

export const importResultSchema = z.object({ added: z.number(), replaced: z.number(), skipped: z.number() });
export type GlossaryImportResult = z.infer<typeof importResultSchema>;

export async function importGlossary(projectId: string, entries: GlossaryFields[], replace: boolean): Promise<GlossaryImportResult> {
  const { data } = await supabase.rpc('import_glossary', { p_project_id: projectId, p_entries: entries as never, p_replace: replace }).throwOnError();
  return importResultSchema.parse(data);
}

function useGlossaryMutation<V, R>(projectId: string, run: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => invalidate(queryClient, { type: 'glossary', projectId }),
  });
}

export function useAddGlossaryEntry(projectId: string) {
  return useGlossaryMutation(projectId, (fields: Parameters<typeof insertGlossaryEntry>[1]) => insertGlossaryEntry(projectId, fields));
}

export function useUpdateGlossaryEntry(projectId: string) {
  return useGlossaryMutation(projectId, ({ id, patch }: { id: string; patch: Parameters<typeof updateGlossaryEntry>[1] }) => updateGlossaryEntry(id, patch));
}

export function useDeleteGlossaryEntry(projectId: string) {
  return useGlossaryMutation(projectId, (id: string) => deleteGlossaryEntry(id));
}

export function useImportGlossary(projectId: string) {
  return useGlossaryMutation(projectId, ({ entries, replace }: { entries: GlossaryFields[]; replace: boolean }) => importGlossary(projectId, entries, replace));
}

// ─── QA ignores ────────────────────────────────────────────────────────────────────────────────

export const qaIgnoreSchema = z.object({
  id: z.string(),
  paragraph_id: z.string(),
  fingerprint: z.string(),
  reason: z.string(),
  message: z.string(),
  created_by: z.string(),
  created_at: z.string(),
});
export type QaIgnore = z.infer<typeof qaIgnoreSchema>;

const IGNORE_COLUMNS = 'id,paragraph_id,fingerprint,reason,message,created_by,created_at';

export async function fetchQaIgnores(documentId: string, signal?: AbortSignal): Promise<QaIgnore[]> {
  const all: QaIgnore[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const query = supabase
      .from('qa_ignores')
      .select(`${IGNORE_COLUMNS},paragraphs!inner(document_id)`)
      .eq('paragraphs.document_id', documentId)
      .order('created_at')
      .order('id')
      .range(offset, offset + PAGE - 1);
    const { data } = await withSignal(query, signal).throwOnError();
    const rows = z.array(qaIgnoreSchema).parse(data);
    all.push(...rows);
    if (rows.length < PAGE) return all;
  }
}

export function useQaIgnores(documentId: string) {
  return useQuery({ queryKey: documentKeys.qaIgnores(documentId), queryFn: ({ signal }) => fetchQaIgnores(documentId, signal) });
}

export function useIgnoreFinding(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: { paragraph_id: string; fingerprint: string; reason: string; message: string }) => {
      const { data } = await supabase.from('qa_ignores').insert(values).select(IGNORE_COLUMNS).single().throwOnError();
      return qaIgnoreSchema.parse(data);
    },
    onSuccess: (created) => queryClient.setQueryData<QaIgnore[]>(documentKeys.qaIgnores(documentId), (list) => (list ? [...list, created] : [created])),
    onSettled: () => invalidate(queryClient, { type: 'qa-ignore', documentId }),
  });
}

export function useUnignoreFinding(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ paragraphId, fingerprint }: { paragraphId: string; fingerprint: string }) => {
      await supabase.from('qa_ignores').delete().eq('paragraph_id', paragraphId).eq('fingerprint', fingerprint).throwOnError();
    },
    onSuccess: (_r, { paragraphId, fingerprint }) =>
      queryClient.setQueryData<QaIgnore[]>(documentKeys.qaIgnores(documentId), (list) =>
        list?.filter((i) => !(i.paragraph_id === paragraphId && i.fingerprint === fingerprint)),
      ),
    onSettled: () => invalidate(queryClient, { type: 'qa-ignore', documentId }),
  });
}

/** The findings ignored on one row (the review queue asks per row). */
export function useParagraphQaIgnores(paragraphId: string, enabled: boolean) {
  return useQuery({
    queryKey: qaIgnoreKeys.paragraph(paragraphId),
    enabled,
    queryFn: async ({ signal }) => {
      const query = supabase.from('qa_ignores').select(IGNORE_COLUMNS).eq('paragraph_id', paragraphId);
      const { data } = await withSignal(query, signal).throwOnError();
      return z.array(qaIgnoreSchema).parse(data);
    },
  });
}

// ─── the same Chinese elsewhere in the project ──────────────────────────────────────────────────

export const otherRenderingsSchema = z.array(
  z.object({
    paragraph_id: z.string(),
    renderings: z.array(
      z.object({
        text: z.string(),
        occurrences: z.number(),
        status: z.string(),
        places: z.array(z.object({ document_id: z.string(), document_title: z.string(), position: z.number() })),
      }),
    ),
  }),
);
export type OtherRenderings = z.infer<typeof otherRenderingsSchema>;

/** For each row of a document, the English other documents of its project give the same Chinese (translated and approved rows). */
export async function fetchOtherRenderings(documentId: string, signal?: AbortSignal): Promise<OtherRenderings> {
  const { data } = await withSignal(supabase.rpc('qa_other_renderings', { p_document_id: documentId }), signal).throwOnError();
  return otherRenderingsSchema.parse(data);
}

export function useOtherRenderings(documentId: string) {
  return useQuery({
    queryKey: memoryKeys.otherRenderings(documentId),
    queryFn: ({ signal }) => fetchOtherRenderings(documentId, signal),
    enabled: documentId !== '',
    // Other documents change elsewhere: a minute old is fine for a warning.
    staleTime: 60_000,
  });
}
