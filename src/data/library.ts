// The library's list of a project's documents, a page at a time, sorted and filtered in the
// database (library_documents: documents with their maintained counters), so a project of 10,000
// documents never comes down whole.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys } from './keys.ts';
import { containsPattern, withSignal } from './postgrest.ts';

export const LIBRARY_PAGE_SIZE = 50;
export const LIBRARY_SORTS = ['date', 'title', 'progress', 'added'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export interface LibraryOptions {
  sort: LibrarySort;
  /** Title (or source line) contains this. */
  text: string;
  /** The Chinese of a paragraph contains this (any substring, full-width and ASCII alike). */
  content: string;
  keyword: string;
  collection: string;
  /** YYYY-MM-DD bounds of the publication date, inclusive; '' for none. */
  from: string;
  to: string;
  page: number;
}

export const EMPTY_LIBRARY_OPTIONS: LibraryOptions = { sort: 'date', text: '', content: '', keyword: '', collection: '', from: '', to: '', page: 0 };

const count = z.catch(z.coerce.number(), 0);
export const libraryRowSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  published_on: z.nullish(z.string()),
  keywords: z.pipe(z.nullish(z.array(z.string())), z.transform((k) => k ?? [])),
  collection: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
  paragraphs: count,
  translated: count,
  approved: count,
  notes_submitted: count,
  notes_approved: count,
  progress: count,
});
export type LibraryRow = z.infer<typeof libraryRowSchema>;

export interface LibraryPage {
  rows: LibraryRow[];
  total: number;
}

const COLUMNS = 'id,project_id,title,published_on,keywords,collection,created_at,paragraphs,translated,approved,notes_submitted,notes_approved,progress';

export async function fetchLibraryPage(projectId: string, options: LibraryOptions, signal?: AbortSignal): Promise<LibraryPage> {
  const content = options.content.trim();
  // Documents whose text holds a string come from a function returning library_documents rows,
  // filtered, sorted and paged like the view.
  let query = content
    ? supabase.rpc('library_documents_containing', { p_project_id: projectId, p_text: content }, { count: 'exact' }).select(COLUMNS)
    : supabase.from('library_documents').select(COLUMNS, { count: 'exact' });
  query = query.eq('project_id', projectId);
  const text = options.text.trim();
  if (text) query = query.or(`title.ilike.${containsPattern(text)},source_line.ilike.${containsPattern(text)}`);
  if (options.keyword.trim()) query = query.contains('keywords', [options.keyword.trim()]);
  if (options.collection) query = query.eq('collection', options.collection);
  if (options.from) query = query.gte('published_on', options.from);
  if (options.to) query = query.lte('published_on', options.to);
  if (options.sort === 'title') query = query.order('title').order('id');
  else if (options.sort === 'progress') query = query.order('progress', { ascending: false }).order('title').order('id');
  else if (options.sort === 'added') query = query.order('created_at', { ascending: false }).order('id');
  else query = query.order('published_on', { ascending: false, nullsFirst: false }).order('title').order('id');
  const from = options.page * LIBRARY_PAGE_SIZE;
  const { data, count: total } = await withSignal(query.range(from, from + LIBRARY_PAGE_SIZE - 1), signal).throwOnError();
  return { rows: z.array(libraryRowSchema).parse(data), total: total ?? 0 };
}

export const libraryPageQuery = (projectId: string, options: LibraryOptions) =>
  queryOptions({
    queryKey: documentKeys.libraryPage(projectId, options),
    queryFn: ({ signal }) => fetchLibraryPage(projectId, options, signal),
    placeholderData: keepPreviousData,
  });

export function useLibraryPage(projectId: string, options: LibraryOptions) {
  return useQuery(libraryPageQuery(projectId, options));
}

/** The collections a project's documents come from, with their document counts, for the filter's choices. */
export async function fetchCollections(projectId: string, signal?: AbortSignal): Promise<{ collection: string; documents: number }[]> {
  const query = supabase.from('library_collections').select('collection,documents').eq('project_id', projectId).order('collection');
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(z.object({ collection: z.string(), documents: count })).parse(data);
}

export function useCollections(projectId: string) {
  return useQuery({ queryKey: documentKeys.collections(projectId), queryFn: ({ signal }) => fetchCollections(projectId, signal) });
}
