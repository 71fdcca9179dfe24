// Conversations on notes: replies (anyone who can read the note writes one; authors edit and delete
// their own) and the review decisions on the note, read per document and merged per note.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys, invalidate } from './keys.ts';
import { withSignal } from './postgrest.ts';

export const replySchema = z.object({
  id: z.string(),
  annotation_id: z.string(),
  author_id: z.string(),
  body_text: z.pipe(
    z.nullish(z.string()),
    z.transform((s) => s ?? ''),
  ),
  created_at: z.string(),
  updated_at: z.nullish(z.string()),
});
export type Reply = z.infer<typeof replySchema>;

export const decisionSchema = z.object({
  id: z.number(),
  annotation_id: z.nullish(z.string()),
  translation_id: z.nullish(z.string()),
  reviewer_id: z.nullish(z.string()),
  decision: z.enum(['approved', 'rejected', 'undone']),
  comment: z.nullish(z.string()),
  suggestion: z.nullish(z.string()),
  version: z.int(),
  undoes: z.nullish(z.number()),
  created_at: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

const PAGE = 1000;

export async function fetchDocumentReplies(documentId: string, signal?: AbortSignal): Promise<Reply[]> {
  const all: Reply[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const query = supabase
      .from('annotation_replies')
      .select('id,annotation_id,author_id,body_text,created_at,updated_at,annotations!inner(paragraphs!inner(document_id))')
      .eq('annotations.paragraphs.document_id', documentId)
      .order('created_at')
      .order('id')
      .range(offset, offset + PAGE - 1);
    const { data } = await withSignal(query, signal).throwOnError();
    const rows = z.array(replySchema).parse(data);
    all.push(...rows);
    if (rows.length < PAGE) return all;
  }
}

/** Every review decision on the document's notes and rows, oldest first. */
export async function fetchDocumentDecisions(documentId: string, signal?: AbortSignal): Promise<Decision[]> {
  const all: Decision[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const query = supabase
      .from('review_events')
      .select('id,annotation_id,translation_id,reviewer_id,decision,comment,suggestion,version,undoes,created_at')
      .eq('document_id', documentId)
      .order('id')
      .range(offset, offset + PAGE - 1);
    const { data } = await withSignal(query, signal).throwOnError();
    const rows = z.array(decisionSchema).parse(data);
    all.push(...rows);
    if (rows.length < PAGE) return all;
  }
}

export const documentRepliesQuery = (documentId: string) =>
  queryOptions({ queryKey: documentKeys.replies(documentId), queryFn: ({ signal }) => fetchDocumentReplies(documentId, signal) });
export const documentDecisionsQuery = (documentId: string) =>
  queryOptions({ queryKey: documentKeys.decisions(documentId), queryFn: ({ signal }) => fetchDocumentDecisions(documentId, signal) });

export function useDocumentReplies(documentId: string) {
  return useQuery(documentRepliesQuery(documentId));
}

export function useDocumentDecisions(documentId: string) {
  return useQuery(documentDecisionsQuery(documentId));
}

function useReplyMutation<V>(documentId: string, run: (vars: V) => Promise<void>, optimistic: (list: Reply[], vars: V) => Reply[]) {
  const queryClient = useQueryClient();
  const key = documentKeys.replies(documentId);
  return useMutation({
    mutationFn: run,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Reply[]>(key);
      if (previous) queryClient.setQueryData(key, optimistic(previous, vars));
      return { previous };
    },
    onError: (_e, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => invalidate(queryClient, { type: 'reply', documentId }),
  });
}

export function useAddReply(documentId: string, userId: string) {
  return useReplyMutation(
    documentId,
    async ({ annotationId, text }: { annotationId: string; text: string }) => {
      await supabase.from('annotation_replies').insert({ annotation_id: annotationId, body_text: text.trim() }).throwOnError();
    },
    (list, { annotationId, text }) => [
      ...list,
      { id: `pending-${list.length}`, annotation_id: annotationId, author_id: userId, body_text: text.trim(), created_at: new Date().toISOString(), updated_at: null },
    ],
  );
}

export function useEditReply(documentId: string) {
  return useReplyMutation(
    documentId,
    async ({ id, text }: { id: string; text: string }) => {
      await supabase.from('annotation_replies').update({ body_text: text.trim() }).eq('id', id).select('id').single().throwOnError();
    },
    (list, { id, text }) => list.map((r) => (r.id === id ? { ...r, body_text: text.trim(), updated_at: new Date().toISOString() } : r)),
  );
}

export function useDeleteReply(documentId: string) {
  return useReplyMutation(
    documentId,
    async (id: string) => {
      await supabase.from('annotation_replies').delete().eq('id', id).throwOnError();
    },
    (list, id) => list.filter((r) => r.id !== id),
  );
}

export type ThreadEntry = { type: 'reply'; reply: Reply; at: string } | { type: 'decision'; decision: Decision; at: string };

/** A note's replies and decisions as one conversation, oldest first. */
export function threadOf(annotationId: string, replies: readonly Reply[], decisions: readonly Decision[]): ThreadEntry[] {
  const entries: ThreadEntry[] = [
    ...replies.filter((r) => r.annotation_id === annotationId).map((reply) => ({ type: 'reply' as const, reply, at: reply.created_at })),
    ...decisions.filter((d) => d.annotation_id === annotationId).map((decision) => ({ type: 'decision' as const, decision, at: decision.created_at })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
