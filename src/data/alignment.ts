// Storing an alignment: each row's English becomes the draft translation of its first Chinese
// paragraph, spanning the row (apply_alignment, one transaction). Existing English is replaced
// only when asked; otherwise the server names the conflicting paragraph positions and writes nothing.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TextPair } from '../domain/align/index.ts';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys, invalidate } from './keys.ts';
import { withSignal } from './postgrest.ts';

/** One row of the `p_rows` argument: consecutive Chinese paragraphs and the English that renders them. */
// A type alias, not an interface, so it fits the generated Json type of the RPC's argument.
export type AlignmentRowPayload = {
  paragraph_ids: string[];
  /** English paragraphs separated by '\n'; stored as one tiptap paragraph each. */
  text: string;
};

export const applyAlignmentResultSchema = z.object({
  applied: z.boolean(),
  /** Positions of paragraphs whose existing English the rows would replace. */
  conflicts: z.array(z.int()),
  written: z.int().check(z.nonnegative()),
  rows: z.int().check(z.nonnegative()),
});
export type ApplyAlignmentResult = z.infer<typeof applyAlignmentResultSchema>;

export interface ApplyAlignmentInput {
  rows: AlignmentRowPayload[];
  overwrite: boolean;
}

export async function applyAlignment(documentId: string, { rows, overwrite }: ApplyAlignmentInput, signal?: AbortSignal): Promise<ApplyAlignmentResult> {
  const query = supabase.rpc('apply_alignment', { p_document_id: documentId, p_rows: rows, p_overwrite: overwrite });
  const { data } = await withSignal(query, signal).throwOnError();
  return applyAlignmentResultSchema.parse(data);
}

/** Applies an alignment; once written, the document's rows and progress are refetched before it settles. */
export function useApplyAlignment(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: documentKeys.applyAlignment(documentId),
    mutationFn: (input: ApplyAlignmentInput) => applyAlignment(documentId, input),
    onSuccess: async (result) => {
      if (result.applied) await invalidate(queryClient, { type: 'alignment', documentId });
    },
  });
}

export const markTranslatedResultSchema = z.object({
  marked: z.int().check(z.nonnegative()),
  skipped: z.int().check(z.nonnegative()),
});
export type MarkTranslatedResult = z.infer<typeof markTranslatedResultSchema>;

/** Marks the drafts an alignment wrote (the first paragraph of each applied row) translated, in one transaction. */
export async function markAlignmentTranslated(documentId: string, paragraphIds: readonly string[], signal?: AbortSignal): Promise<MarkTranslatedResult> {
  const query = supabase.rpc('mark_alignment_translated', { p_document_id: documentId, p_paragraph_ids: [...paragraphIds] });
  const { data } = await withSignal(query, signal).throwOnError();
  return markTranslatedResultSchema.parse(data);
}

export function useMarkAlignmentTranslated(documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...documentKeys.applyAlignment(documentId), 'mark-translated'],
    mutationFn: (paragraphIds: readonly string[]) => markAlignmentTranslated(documentId, paragraphIds),
    onSuccess: async (result) => {
      if (result.marked > 0) await invalidate(queryClient, { type: 'alignment', documentId });
    },
  });
}

/** At most this many of a project's confirmed pairs feed the aligner (the most repeated first). */
export const CONFIRMED_PAIRS_LIMIT = 1000;

/**
 * Chinese–English pairs people confirmed in a project (translated and approved rows, and imported
 * translation memories), from its translation memory: the aligner learns word pairs from them.
 */
export async function fetchConfirmedPairs(projectId: string, signal?: AbortSignal): Promise<TextPair[]> {
  const query = supabase
    .from('tm_segments')
    .select('source_text, target_text')
    .eq('project_id', projectId)
    .in('status', ['translated', 'approved', 'imported'])
    .order('occurrences', { ascending: false })
    .order('updated_at', { ascending: false })
    .limit(CONFIRMED_PAIRS_LIMIT);
  const { data } = await withSignal(query, signal).throwOnError();
  return (data ?? []).filter((row) => row.source_text.trim() !== '' && row.target_text.trim() !== '').map((row) => ({ zh: row.source_text, en: row.target_text }));
}

export function useConfirmedPairs(projectId: string | undefined) {
  return useQuery({
    // Under the translation memory's key: whatever refreshes the memory refreshes these.
    queryKey: ['translation-memory', 'confirmed-pairs', projectId],
    queryFn: ({ signal }) => fetchConfirmedPairs(projectId!, signal),
    enabled: projectId !== undefined,
    staleTime: 60_000,
  });
}
