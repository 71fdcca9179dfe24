// The review queue: submitted notes and translated rows of the projects where the user reviews
// (reviewer or owner), each with its paragraph for context; decisions through the review RPCs.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { ANNOTATION_COLUMNS, annotationSchema, type Annotation } from './annotations.ts';
import { invalidate, reviewKeys, type DataChange } from './keys.ts';
import { toOne, withSignal } from './postgrest.ts';
import { TRANSLATION_COLUMNS, translationSchema, type Translation } from './translations.ts';

const contextSchema = z.object({
  id: z.string(),
  position: z.int(),
  kind: z.string(),
  text: z.string(),
  document_id: z.string(),
  documents: toOne(z.object({ id: z.string(), title: z.string(), project_id: z.string() })),
});
const annotationItemSchema = z.extend(annotationSchema, {
  paragraphs: toOne(z.extend(contextSchema, { translations: toOne(z.nullish(z.object({ text: z.nullable(z.string()), body: z.unknown() }))) })),
});
const translationItemSchema = z.extend(translationSchema, { paragraphs: toOne(contextSchema) });

export interface ReviewContext {
  paragraphId: string;
  position: number;
  kind: string;
  source: string;
  documentId: string;
  documentTitle: string;
  projectId: string;
}

export type ReviewItem =
  | { type: 'annotation'; annotation: Annotation; context: ReviewContext; translationText: string; translationBody: unknown }
  | { type: 'translation'; translation: Translation; context: ReviewContext };

const LIMIT = 500;

function toContext(p: z.infer<typeof contextSchema>): ReviewContext {
  return {
    paragraphId: p.id,
    position: p.position,
    kind: p.kind,
    source: p.text,
    documentId: p.document_id,
    documentTitle: p.documents.title,
    projectId: p.documents.project_id,
  };
}

export async function fetchReviewQueue(projectIds: readonly string[], signal?: AbortSignal): Promise<ReviewItem[]> {
  if (projectIds.length === 0) return [];
  const context = `paragraphs!inner(id,position,kind,text,document_id,documents!inner(id,title,project_id)`;
  const notes = supabase
    .from('annotations')
    .select(`${ANNOTATION_COLUMNS},${context},translations(text,body))`)
    .eq('status', 'submitted')
    .order('updated_at')
    .limit(LIMIT);
  const rows = supabase
    .from('translations')
    .select(`${TRANSLATION_COLUMNS},${context})`)
    .eq('status', 'translated')
    .order('updated_at')
    .limit(LIMIT);
  const [n, t] = await Promise.all([withSignal(notes, signal).throwOnError(), withSignal(rows, signal).throwOnError()]);
  const allowed = new Set(projectIds);
  const items: ReviewItem[] = [];
  for (const a of z.array(annotationItemSchema).parse(n.data)) {
    const { paragraphs, ...annotation } = a;
    if (!allowed.has(paragraphs.documents.project_id)) continue;
    items.push({
      type: 'annotation',
      annotation,
      context: toContext(paragraphs),
      translationText: paragraphs.translations?.text ?? '',
      translationBody: paragraphs.translations?.body ?? null,
    });
  }
  for (const r of z.array(translationItemSchema).parse(t.data)) {
    const { paragraphs, ...translation } = r;
    if (!allowed.has(paragraphs.documents.project_id)) continue;
    items.push({ type: 'translation', translation, context: toContext(paragraphs) });
  }
  return items.sort(
    (a, b) => a.context.documentTitle.localeCompare(b.context.documentTitle) || a.context.position - b.context.position,
  );
}

export const reviewQueueQuery = (userId: string, projectIds: readonly string[]) =>
  queryOptions({
    queryKey: reviewKeys.list(userId, projectIds),
    queryFn: ({ signal }) => fetchReviewQueue(projectIds, signal),
  });

export function useReviewQueue(userId: string, projectIds: readonly string[]) {
  return useQuery({ ...reviewQueueQuery(userId, projectIds), enabled: projectIds.length > 0 });
}

/** Work someone else did: the only items a reviewer may decide on. */
export function isOwnWork(item: ReviewItem, userId: string): boolean {
  return item.type === 'annotation' ? item.annotation.author_id === userId : item.translation.updated_by === userId;
}

export type Decision = 'approved' | 'rejected';

export interface DecisionInput {
  item: ReviewItem;
  decision: Decision;
  comment: string;
  /** A suggested translation, with a rejection of a translated row. */
  suggestion?: string;
}

/** A decision taken: the item's version after it, which is what an undo names. */
export interface DecisionDone {
  item: ReviewItem;
  decision: Decision;
  version: number;
}

const versionSchema = z.object({ version: z.int() });

export async function reviewItem({ item, decision, comment, suggestion }: DecisionInput): Promise<DecisionDone> {
  // The RPCs treat an empty comment as none.
  const p_comment = comment.trim();
  if (item.type === 'annotation') {
    const { data } = await supabase
      .rpc('review_annotation', { p_annotation_id: item.annotation.id, p_decision: decision, p_comment, p_version: item.annotation.version })
      .throwOnError();
    return { item, decision, version: versionSchema.parse(data).version };
  }
  const p_suggestion = decision === 'rejected' && suggestion?.trim() ? suggestion.trim() : undefined;
  const { data } = await supabase
    .rpc('review_translation', {
      p_translation_id: item.translation.id,
      p_decision: decision,
      p_comment,
      p_version: item.translation.version,
      ...(p_suggestion ? { p_suggestion } : {}),
    })
    .throwOnError();
  return { item, decision, version: versionSchema.parse(data).version };
}

export const reviewItemId = (item: ReviewItem) => (item.type === 'annotation' ? `a:${item.annotation.id}` : `t:${item.translation.id}`);

const itemRef = (item: ReviewItem) =>
  item.type === 'annotation'
    ? { item_type: 'annotation' as const, item_id: item.annotation.id, version: item.annotation.version }
    : { item_type: 'translation' as const, item_id: item.translation.id, version: item.translation.version };

function useQueueMutation<V, R>(
  userId: string,
  projectIds: readonly string[],
  run: (vars: V) => Promise<R>,
  leaving: (vars: V) => readonly ReviewItem[],
  changeOf: (vars: V) => DataChange,
) {
  const queryClient = useQueryClient();
  const key = reviewQueueQuery(userId, projectIds).queryKey;
  return useMutation({
    mutationFn: run,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      const gone = new Set(leaving(vars).map(reviewItemId));
      if (previous && gone.size > 0) queryClient.setQueryData(key, previous.filter((i) => !gone.has(reviewItemId(i))));
      return { previous };
    },
    onError: (_e, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: (_result, _error, vars: V) => invalidate(queryClient, changeOf(vars)),
  });
}

export function useReviewDecision(userId: string, projectIds: readonly string[]) {
  return useQueueMutation(
    userId,
    projectIds,
    reviewItem,
    ({ item }: DecisionInput) => [item],
    ({ item }) => ({ type: 'review', documentId: item.context.documentId }),
  );
}

export interface UndoResult {
  undone: number;
  /** Decisions that could not be taken back (the item changed since, or the request failed), with why. */
  failed: { done: DecisionDone; error: unknown }[];
}

/**
 * Takes back one's decisions on items still as they were left (one, or all of a bulk approval);
 * each returns to the queue. Each undo is its own transaction: one that fails leaves the others.
 */
export function useUndoReview(userId: string, projectIds: readonly string[]) {
  return useQueueMutation(
    userId,
    projectIds,
    async (decisions: readonly DecisionDone[]): Promise<UndoResult> => {
      const result: UndoResult = { undone: 0, failed: [] };
      for (const done of decisions) {
        const ref = itemRef(done.item);
        const { error } = await supabase.rpc('undo_review', { p_item_type: ref.item_type, p_item_id: ref.item_id, p_version: done.version });
        if (error) result.failed.push({ done, error });
        else result.undone += 1;
      }
      if (result.undone === 0 && result.failed.length > 0) throw result.failed[0]!.error;
      return result;
    },
    () => [],
    (decisions) =>
      decisions.length === 1 ? { type: 'review', documentId: decisions[0]!.item.context.documentId } : { type: 'bulk-review' },
  );
}

const bulkResultSchema = z.object({
  approved: z.array(z.object({ item_type: z.string(), item_id: z.string(), version: z.int() })),
  skipped: z.array(z.object({ item_type: z.string(), item_id: z.string(), code: z.string(), message: z.string() })),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

/** Approves several items in one request; those that changed meanwhile are skipped and reported. */
export function useApproveItems(userId: string, projectIds: readonly string[]) {
  return useQueueMutation(
    userId,
    projectIds,
    async (items: readonly ReviewItem[]) => {
      const { data } = await supabase.rpc('approve_items', { p_items: items.map(itemRef) }).throwOnError();
      return bulkResultSchema.parse(data);
    },
    (items) => items,
    () => ({ type: 'bulk-review' }),
  );
}
