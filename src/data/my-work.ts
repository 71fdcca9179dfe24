// The signed-in user's own work across projects: their notes in every state and their translated
// rows waiting for review or sent back (the my_work view).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { myWorkKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

const myWorkRowSchema = z.object({
  item_type: z.enum(['annotation', 'translation']),
  item_id: z.string(),
  status: z.string(),
  project_id: z.string(),
  document_id: z.string(),
  document_title: z.string(),
  paragraph_id: z.string(),
  position: z.int(),
  kind: z.nullish(z.string()),
  text: z.pipe(
    z.nullish(z.string()),
    z.transform((s) => s ?? ''),
  ),
  review_comment: z.nullish(z.string()),
  reviewed_by: z.nullish(z.string()),
  reviewed_at: z.nullish(z.string()),
  updated_at: z.nullish(z.string()),
});
export type MyWorkItem = z.infer<typeof myWorkRowSchema>;

const LIMIT = 1000;

export async function fetchMyWork(signal?: AbortSignal): Promise<MyWorkItem[]> {
  const query = supabase.from('my_work').select('*').order('updated_at', { ascending: false }).limit(LIMIT);
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(myWorkRowSchema).parse(data);
}

export const myWorkQuery = (userId: string) => queryOptions({ queryKey: myWorkKeys.list(userId), queryFn: ({ signal }) => fetchMyWork(signal) });

export function useMyWork(userId: string) {
  return useQuery(myWorkQuery(userId));
}
