// Project search and concordances (RPCs search_project and concordance). Snippets come with their
// matches marked (U+E000 … U+E001); domain/search splits them for highlighting.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { searchKeys } from './keys.ts';
import { containsPattern, withSignal } from './postgrest.ts';
import { annotationKindSchema } from './annotations.ts';
import { translationStatusSchema } from './translations.ts';

export const SEARCH_FIELDS = ['source', 'translation', 'notes'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const SEARCH_PAGE_SIZE = 20;

export interface SearchParams {
  projectId: string;
  query: string;
  fields: SearchField[];
  documentIds?: string[] | undefined;
  statuses?: string[] | undefined;
  noteKinds?: string[] | undefined;
  noteTags?: string[] | undefined;
  noteAuthors?: string[] | undefined;
  page: number;
}

const noteHitSchema = z.object({
  id: z.string(),
  kind: z.catch(annotationKindSchema, 'note'),
  tags: z.pipe(z.nullish(z.array(z.string())), z.transform((t) => t ?? [])),
  status: z.string(),
  author_id: z.string(),
  author_name: z.nullish(z.string()),
  quote: z.nullish(z.string()),
  text: z.string(),
});

export const searchHitSchema = z.object({
  kind: z.enum(['paragraph', 'note']),
  document_id: z.string(),
  document_title: z.string(),
  published_on: z.nullish(z.string()),
  paragraph_id: z.string(),
  position: z.number(),
  paragraph_kind: z.string(),
  status: z.nullish(translationStatusSchema),
  source: z.nullish(z.string()),
  translation: z.nullish(z.string()),
  source_match: z.boolean(),
  translation_match: z.boolean(),
  note: z.nullish(noteHitSchema),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  query: z.string(),
  total: z.number(),
  total_is_lower_bound: z.boolean(),
  paragraphs: z.number(),
  notes: z.number(),
  hits: z.array(searchHitSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

const orNull = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : null);

export async function fetchSearch(params: SearchParams, signal?: AbortSignal): Promise<SearchResult> {
  const query = supabase.rpc('search_project', {
    p_project_id: params.projectId,
    p_query: params.query,
    p_fields: params.fields,
    p_document_ids: orNull(params.documentIds) as string[],
    p_statuses: orNull(params.statuses) as string[],
    p_note_kinds: orNull(params.noteKinds) as string[],
    p_note_tags: orNull(params.noteTags) as string[],
    p_note_authors: orNull(params.noteAuthors) as string[],
    p_limit: SEARCH_PAGE_SIZE,
    p_offset: params.page * SEARCH_PAGE_SIZE,
  });
  const { data } = await withSignal(query, signal).throwOnError();
  return searchResultSchema.parse(data);
}

export const searchQuery = (params: SearchParams) =>
  queryOptions({
    queryKey: searchKeys.results(params),
    queryFn: ({ signal }) => fetchSearch(params, signal),
    // The next page keeps the current one on screen until it arrives.
    placeholderData: keepPreviousData,
  });

/** Results for `params`, or nothing when there is nothing to ask (no project, or no text and no note filter). */
export function useSearch(params: SearchParams | null) {
  return useQuery({ ...searchQuery(params ?? ({} as SearchParams)), enabled: params !== null });
}

export const concordanceHitSchema = z.object({
  document_id: z.string(),
  document_title: z.string(),
  paragraph_id: z.string(),
  position: z.number(),
  status: z.nullish(translationStatusSchema),
  text: z.string(),
  aligned: z.pipe(z.nullish(z.string()), z.transform((t) => t ?? '')),
});
export type ConcordanceHit = z.infer<typeof concordanceHitSchema>;

export const concordanceSchema = z.object({
  query: z.string(),
  language: z.enum(['zh', 'en']),
  total: z.number(),
  total_is_lower_bound: z.boolean(),
  hits: z.array(concordanceHitSchema),
  background: z.array(z.pipe(z.nullish(z.string()), z.transform((t) => t ?? ''))),
});
export type Concordance = z.infer<typeof concordanceSchema>;

export interface ConcordanceParams {
  projectId: string;
  text: string;
  language: 'zh' | 'en';
}

export const CONCORDANCE_LIMIT = 500;

export async function fetchConcordance(params: ConcordanceParams, signal?: AbortSignal): Promise<Concordance> {
  const query = supabase.rpc('concordance', { p_project_id: params.projectId, p_text: params.text, p_language: params.language, p_limit: CONCORDANCE_LIMIT });
  const { data } = await withSignal(query, signal).throwOnError();
  return concordanceSchema.parse(data);
}

export const concordanceQuery = (params: ConcordanceParams) =>
  queryOptions({
    queryKey: searchKeys.concordance(params),
    queryFn: ({ signal }) => fetchConcordance(params, signal),
  });

export function useConcordance(params: ConcordanceParams | null) {
  return useQuery({ ...concordanceQuery(params ?? ({} as ConcordanceParams)), enabled: params !== null });
}

export const documentTitleSchema = z.object({ id: z.string(), title: z.string(), published_on: z.nullish(z.string()) });
export type DocumentTitle = z.infer<typeof documentTitleSchema>;
export const DOCUMENT_SUGGESTIONS = 8;

/** Documents of a project whose title contains `text` (newest first), for the search page's document filter; `exclude` left out. */
export async function fetchDocumentTitleSuggestions(projectId: string, text: string, exclude: string[], signal?: AbortSignal): Promise<DocumentTitle[]> {
  const query = supabase
    .from('documents')
    .select('id,title,published_on')
    .eq('project_id', projectId)
    .ilike('title', containsPattern(text))
    .order('published_on', { ascending: false, nullsFirst: false })
    .order('title')
    .limit(DOCUMENT_SUGGESTIONS + exclude.length);
  const { data } = await withSignal(query, signal).throwOnError();
  return z
    .array(documentTitleSchema)
    .parse(data)
    .filter((d) => !exclude.includes(d.id))
    .slice(0, DOCUMENT_SUGGESTIONS);
}

export function useDocumentTitleSuggestions(projectId: string, text: string, exclude: string[]) {
  return useQuery({
    queryKey: searchKeys.documentTitles(projectId, text, exclude),
    queryFn: ({ signal }) => fetchDocumentTitleSuggestions(projectId, text, exclude, signal),
    enabled: text !== '',
    placeholderData: keepPreviousData,
  });
}

/** The titles of the chosen documents, by id. */
export function useDocumentTitles(projectId: string, ids: string[]) {
  return useQuery({
    queryKey: searchKeys.documentTitles(projectId, null, ids),
    queryFn: async ({ signal }) => {
      const query = supabase.from('documents').select('id,title').eq('project_id', projectId).in('id', ids);
      const { data } = await withSignal(query, signal).throwOnError();
      return new Map(z.array(z.object({ id: z.string(), title: z.string() })).parse(data).map((d) => [d.id, d.title]));
    },
    enabled: ids.length > 0,
  });
}
