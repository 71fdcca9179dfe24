// Notes on paragraphs: listed per document, created with a plain insert, changed through
// save_annotation (optimistic version check), deleted by their author.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { rethrowAsConflict } from './errors.ts';
import { documentKeys, invalidate, noteTagKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';
import type { Json } from './database.types.ts';
import type { TextAnchorSelectors } from '../domain/anchor/index.ts';

export const annotationStatusSchema = z.enum(['draft', 'submitted', 'approved', 'rejected']);
export type AnnotationStatus = z.infer<typeof annotationStatusSchema>;
export const annotationKindSchema = z.enum(['note', 'term', 'person', 'place', 'organisation', 'treaty', 'date', 'question']);
export type AnnotationKind = z.infer<typeof annotationKindSchema>;
export const ANNOTATION_KINDS: readonly AnnotationKind[] = annotationKindSchema.options;

export const annotationSchema = z.object({
  id: z.string(),
  paragraph_id: z.string(),
  author_id: z.string(),
  status: annotationStatusSchema,
  target: z.catch(z.enum(['source', 'translation']), 'source'),
  quote_exact: z.nullish(z.string()),
  quote_prefix: z.nullish(z.string()),
  quote_suffix: z.nullish(z.string()),
  start_offset: z.nullish(z.int()),
  end_offset: z.nullish(z.int()),
  body: z.unknown(),
  body_text: z.nullish(z.string()),
  kind: z.catch(annotationKindSchema, 'note'),
  tags: z.pipe(
    z.nullish(z.array(z.string())),
    z.transform((t) => t ?? []),
  ),
  version: z.int(),
  review_comment: z.nullish(z.string()),
  reviewed_by: z.nullish(z.string()),
  reviewed_at: z.nullish(z.string()),
  created_at: z.string(),
  updated_at: z.nullish(z.string()),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const ANNOTATION_COLUMNS =
  'id,paragraph_id,author_id,status,target,quote_exact,quote_prefix,quote_suffix,start_offset,end_offset,body,body_text,kind,tags,version,review_comment,reviewed_by,reviewed_at,created_at,updated_at';

const PAGE = 1000;

/** The columns that store a note's W3C selectors (all null for a note on the whole paragraph). */
export interface SelectorColumns {
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  /** Code point offsets into the paragraph text. */
  start_offset: number | null;
  end_offset: number | null;
}

/** The selectors stored in a note's columns, or null for a note on the whole paragraph. */
export function annotationSelectors(note: Partial<SelectorColumns>): TextAnchorSelectors | null {
  if (note.quote_exact == null || note.start_offset == null || note.end_offset == null) return null;
  return {
    quote: { type: 'TextQuoteSelector', exact: note.quote_exact, prefix: note.quote_prefix ?? '', suffix: note.quote_suffix ?? '' },
    position: { type: 'TextPositionSelector', start: note.start_offset, end: note.end_offset },
  };
}

/** The columns that store `selectors` (null: the whole paragraph). */
export function selectorColumns(selectors: TextAnchorSelectors | null): SelectorColumns {
  return {
    quote_exact: selectors?.quote.exact ?? null,
    quote_prefix: selectors?.quote.prefix ?? null,
    quote_suffix: selectors?.quote.suffix ?? null,
    start_offset: selectors?.position.start ?? null,
    end_offset: selectors?.position.end ?? null,
  };
}

/** All notes the user may see on a document's paragraphs (RLS hides others' drafts). */
export async function fetchDocumentAnnotations(documentId: string, signal?: AbortSignal): Promise<Annotation[]> {
  const all: Annotation[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const query = supabase
      .from('annotations')
      .select(`${ANNOTATION_COLUMNS},paragraphs!inner(document_id)`)
      .eq('paragraphs.document_id', documentId)
      .order('created_at')
      .order('id')
      .range(offset, offset + PAGE - 1);
    const { data } = await withSignal(query, signal).throwOnError();
    const rows = z.array(annotationSchema).parse(data);
    all.push(...rows);
    if (rows.length < PAGE) return all;
  }
}

export const documentAnnotationsQuery = (documentId: string) =>
  queryOptions({
    queryKey: documentKeys.annotations(documentId),
    queryFn: ({ signal }) => fetchDocumentAnnotations(documentId, signal),
  });

export function useDocumentAnnotations(documentId: string) {
  return useQuery(documentAnnotationsQuery(documentId));
}

const noteTagSchema = z.object({ tag: z.string(), notes: z.int() });
export type NoteTag = z.infer<typeof noteTagSchema>;

/** The tags on a project's notes the user may see, most used first (others' drafts are not counted). */
export async function fetchNoteTags(projectId: string, signal?: AbortSignal): Promise<NoteTag[]> {
  const query = supabase.from('note_tags').select('tag,notes').eq('project_id', projectId).order('notes', { ascending: false }).order('tag').limit(500);
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(noteTagSchema).parse(data);
}

export function useNoteTags(projectId: string) {
  return useQuery({
    queryKey: noteTagKeys.list(projectId),
    queryFn: ({ signal }) => fetchNoteTags(projectId, signal),
    enabled: projectId !== '',
    staleTime: 60_000,
  });
}

export interface NewAnnotation extends SelectorColumns {
  paragraph_id: string;
  target: 'source' | 'translation';
  body: Json;
  body_text: string;
  kind: AnnotationKind;
  tags: string[];
  status: 'draft' | 'submitted';
}

export type AnnotationPatch = Partial<Pick<Annotation, 'body_text' | 'kind' | 'tags' | 'status'> & { body: Json }>;

export async function insertAnnotation(values: NewAnnotation): Promise<Annotation> {
  const { data } = await supabase.from('annotations').insert(values).select(ANNOTATION_COLUMNS).single().throwOnError();
  return annotationSchema.parse(data);
}

/** Applies a patch if `expectedVersion` is still current; throws ConflictError otherwise. */
export async function saveAnnotation(id: string, expectedVersion: number, patch: AnnotationPatch): Promise<Annotation> {
  try {
    const { data } = await supabase.rpc('save_annotation', { p_id: id, p_expected_version: expectedVersion, p_patch: patch }).throwOnError();
    return annotationSchema.parse(Array.isArray(data) ? data[0] : data);
  } catch (e) {
    rethrowAsConflict(e, annotationSchema);
  }
}

export async function deleteAnnotation(id: string): Promise<void> {
  await supabase.from('annotations').delete().eq('id', id).throwOnError();
}

function useDocumentAnnotationMutation<V, R>(
  documentId: string,
  run: (vars: V) => Promise<R>,
  optimistic: (list: Annotation[], vars: V) => Annotation[],
  onSuccess?: (list: Annotation[], result: R, vars: V) => Annotation[],
) {
  const queryClient = useQueryClient();
  const key = documentAnnotationsQuery(documentId).queryKey;
  return useMutation({
    mutationFn: run,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      if (previous) queryClient.setQueryData(key, optimistic(previous, vars));
      return { previous };
    },
    onError: (_e, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (result, vars) => {
      if (onSuccess) queryClient.setQueryData(key, (list) => (list ? onSuccess(list, result, vars) : list));
    },
    onSettled: () => invalidate(queryClient, { type: 'annotation', documentId }),
  });
}

export function useCreateAnnotation(documentId: string, authorId: string) {
  return useDocumentAnnotationMutation(
    documentId,
    (values: NewAnnotation & { tempId: string }) => {
      const { tempId: _tempId, ...row } = values;
      return insertAnnotation(row);
    },
    (list, { tempId, ...values }) => [
      ...list,
      { ...values, id: tempId, author_id: authorId, version: 0, review_comment: null, created_at: new Date().toISOString() },
    ],
    (list, created, { tempId }) => list.map((a) => (a.id === tempId ? created : a)),
  );
}

export function useSaveAnnotation(documentId: string) {
  return useDocumentAnnotationMutation(
    documentId,
    ({ annotation, patch }: { annotation: Annotation; patch: AnnotationPatch }) => saveAnnotation(annotation.id, annotation.version, patch),
    (list, { annotation, patch }) => list.map((a) => (a.id === annotation.id ? { ...a, ...patch } : a)),
    (list, saved) => list.map((a) => (a.id === saved.id ? saved : a)),
  );
}

export function useDeleteAnnotation(documentId: string) {
  return useDocumentAnnotationMutation(
    documentId,
    (annotation: Annotation) => deleteAnnotation(annotation.id),
    (list, annotation) => list.filter((a) => a.id !== annotation.id),
  );
}
