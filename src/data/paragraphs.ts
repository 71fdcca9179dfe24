// A document's paragraphs with their translations embedded, in pages of 1000 rows.
import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { entityKeys } from './keys.ts';
import { TRANSLATION_COLUMNS, translationSchema, type Translation } from './translations.ts';

export const PARAGRAPH_PAGE_SIZE = 1000;

export const paragraphKindSchema = z.enum(['heading', 'body', 'closing']);
export type ParagraphKind = z.infer<typeof paragraphKindSchema>;

export const paragraphSchema = z.object({
  id: z.string(),
  document_id: z.string(),
  position: z.int(),
  kind: paragraphKindSchema,
  text: z.string(),
  // A one-to-one embed arrives as an object; accept a one-element array too.
  translations: z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))),
    z.nullable(translationSchema),
  ),
});
export type Paragraph = z.infer<typeof paragraphSchema>;

export interface ParagraphPage {
  rows: Paragraph[];
  /** Number of paragraphs in the document (known from the first page). */
  total: number | null;
}

export const paragraphKeys = entityKeys('paragraphs');

export async function fetchParagraphPage(documentId: string, offset: number, signal?: AbortSignal): Promise<ParagraphPage> {
  let query = supabase
    .from('paragraphs')
    .select(`id,document_id,position,kind,text,translations(${TRANSLATION_COLUMNS})`, offset === 0 ? { count: 'exact' } : {})
    .eq('document_id', documentId)
    .order('position')
    .range(offset, offset + PARAGRAPH_PAGE_SIZE - 1);
  if (signal) query = query.abortSignal(signal);
  const { data, count } = await query.throwOnError();
  return { rows: z.array(paragraphSchema).parse(data), total: count ?? null };
}

export const paragraphsQuery = (documentId: string) =>
  infiniteQueryOptions({
    queryKey: paragraphKeys.list({ documentId }),
    queryFn: ({ pageParam, signal }) => fetchParagraphPage(documentId, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last: ParagraphPage, pages: ParagraphPage[]) =>
      last.rows.length < PARAGRAPH_PAGE_SIZE ? undefined : pages.length * PARAGRAPH_PAGE_SIZE,
  });

/** All paragraphs of a document: the first page renders at once, the rest stream in behind it. */
export function useDocumentParagraphs(documentId: string) {
  const query = useInfiniteQuery(paragraphsQuery(documentId));
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);
  return query;
}

/** Puts a saved translation into the cached pages without refetching 10,000 rows. */
export function setTranslationInCache(queryClient: QueryClient, documentId: string, row: Translation): void {
  queryClient.setQueryData<InfiniteData<ParagraphPage, number>>(paragraphKeys.list({ documentId }), (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => {
      const index = page.rows.findIndex((p) => p.id === row.paragraph_id);
      if (index < 0) return page;
      const current = page.rows[index]!;
      if (current.translations && current.translations.version > row.version) return page;
      changed = true;
      const rows = page.rows.slice();
      rows[index] = { ...current, translations: row };
      return { ...page, rows };
    });
    return changed ? { ...data, pages } : data;
  });
}
