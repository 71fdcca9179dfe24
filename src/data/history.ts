// A paragraph's history: every saved revision of its translation and every review decision on it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';
import { translationStatusSchema } from './translations.ts';
import { decisionSchema, type Decision } from './threads.ts';

const revisionSchema = z.object({
  id: z.number(),
  version: z.int(),
  body: z.unknown(),
  text: z.string(),
  status: z.catch(translationStatusSchema, 'draft'),
  author_id: z.nullish(z.string()),
  created_at: z.string(),
});
export type Revision = z.infer<typeof revisionSchema>;

export interface ParagraphHistory {
  revisions: Revision[];
  decisions: Decision[];
}

export async function fetchParagraphHistory(translationId: string, signal?: AbortSignal): Promise<ParagraphHistory> {
  const revisions = supabase
    .from('translation_revisions')
    .select('id,version,body,text,status,author_id,created_at')
    .eq('translation_id', translationId)
    .order('version');
  const decisions = supabase
    .from('review_events')
    .select('id,annotation_id,translation_id,reviewer_id,decision,comment,suggestion,version,undoes,created_at')
    .eq('translation_id', translationId)
    .order('id');
  const [r, d] = await Promise.all([withSignal(revisions, signal).throwOnError(), withSignal(decisions, signal).throwOnError()]);
  return { revisions: z.array(revisionSchema).parse(r.data), decisions: z.array(decisionSchema).parse(d.data) };
}

export const paragraphHistoryQuery = (documentId: string, translationId: string) =>
  queryOptions({
    queryKey: documentKeys.history(documentId, translationId),
    queryFn: ({ signal }) => fetchParagraphHistory(translationId, signal),
    staleTime: 0,
  });

export function useParagraphHistory(documentId: string, translationId: string) {
  return useQuery(paragraphHistoryQuery(documentId, translationId));
}

export type TimelineEntry =
  | { type: 'revision'; revision: Revision; previousText: string; at: string }
  | { type: 'decision'; decision: Decision; at: string };

/**
 * The timeline, oldest first: each revision with the text before it (for a diff), and each decision.
 * A decision comes before the revision that its own status change wrote.
 */
export function historyTimeline(history: ParagraphHistory): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const decidedAt = new Set(history.decisions.map((d) => d.created_at));
  let previousText = '';
  for (const revision of history.revisions) {
    // The status change a decision wrote is told by the decision itself.
    const byDecision = revision.text === previousText && decidedAt.has(revision.created_at);
    if (!byDecision) entries.push({ type: 'revision', revision, previousText, at: revision.created_at });
    previousText = revision.text;
  }
  for (const decision of history.decisions) entries.push({ type: 'decision', decision, at: decision.created_at });
  const rank = (e: TimelineEntry) => (e.type === 'decision' ? 0 : 1);
  return entries.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
}
