// A document's paragraphs with their translations embedded, in pages of 1000 rows (by position range).
import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { z } from 'zod/mini';
import { PARAGRAPH_KINDS, type ParagraphKind } from '../domain/import/index.ts';
import { supabase } from './client.ts';
import { documentKeys } from './keys.ts';
import { toOne, withSignal } from './postgrest.ts';
import { TRANSLATION_COLUMNS, translationSchema, type Translation } from './translations.ts';

export const PARAGRAPH_PAGE_SIZE = 1000;
/** The first page is small so the first screen of rows paints before the rest arrives. */
export const FIRST_PAGE_SIZE = 100;

export const paragraphKindSchema = z.enum(PARAGRAPH_KINDS);
export type { ParagraphKind };

export const paragraphSchema = z.object({
  id: z.string(),
  document_id: z.string(),
  position: z.int(),
  kind: paragraphKindSchema,
  text: z.string(),
  translations: toOne(z.nullable(translationSchema)),
});
export type Paragraph = z.infer<typeof paragraphSchema>;

export interface ParagraphPage {
  rows: Paragraph[];
  /** The document's last position (known from the first page): how far the pages go. */
  total: number | null;
}

/** Pages are position ranges: a bounded range reads only its rows, where OFFSET would sort the whole document. */
export interface ParagraphRange {
  from: number;
  to: number;
}

const PARAGRAPH_COLUMNS = `id,document_id,position,kind,text,translations(${TRANSLATION_COLUMNS})`;

async function fetchLastPosition(documentId: string, signal?: AbortSignal): Promise<number> {
  const query = supabase.from('paragraphs').select('position').eq('document_id', documentId).order('position', { ascending: false }).limit(1);
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(z.object({ position: z.int() })).parse(data)[0]?.position ?? 0;
}

export async function fetchParagraphPage(documentId: string, range: ParagraphRange, signal?: AbortSignal): Promise<ParagraphPage> {
  const query = supabase
    .from('paragraphs')
    .select(PARAGRAPH_COLUMNS)
    .eq('document_id', documentId)
    .gte('position', range.from)
    .lte('position', range.to)
    .order('position');
  const [{ data }, total] = await Promise.all([
    withSignal(query, signal).throwOnError(),
    range.from === 1 ? fetchLastPosition(documentId, signal) : null,
  ]);
  return { rows: z.array(paragraphSchema).parse(data), total };
}

export const paragraphsQuery = (documentId: string) =>
  infiniteQueryOptions({
    queryKey: documentKeys.paragraphs(documentId),
    queryFn: ({ pageParam, signal }) => fetchParagraphPage(documentId, pageParam, signal),
    initialPageParam: { from: 1, to: FIRST_PAGE_SIZE } as ParagraphRange,
    getNextPageParam: (_last: ParagraphPage, pages: ParagraphPage[], lastRange: ParagraphRange): ParagraphRange | undefined => {
      const end = pages[0]?.total ?? 0;
      return lastRange.to >= end ? undefined : { from: lastRange.to + 1, to: lastRange.to + PARAGRAPH_PAGE_SIZE };
    },
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
  queryClient.setQueryData<InfiniteData<ParagraphPage, ParagraphRange>>(documentKeys.paragraphs(documentId), (data) => {
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
