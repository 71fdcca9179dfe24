// The signed-in user's notifications: decisions on their work, replies in their threads, changes
// to their memberships. Written by database triggers; read, marked read and dismissed here. New ones
// arrive over Realtime (with a slow poll as a fallback when the socket is down).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { roleSchema } from './projects.ts';
import { invalidate, notificationKeys } from './keys.ts';
import { toOne, withSignal } from './postgrest.ts';
import { useNotificationsLive } from './live.ts';

export const notificationKindSchema = z.enum([
  'annotation_approved',
  'annotation_rejected',
  'translation_approved',
  'translation_rejected',
  'review_undone',
  'reply',
  'member_added',
  'role_changed',
  'invitation_accepted',
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

const notificationRowSchema = z.object({
  id: z.number(),
  kind: z.catch(notificationKindSchema, 'reply'),
  project_id: z.string(),
  document_id: z.nullish(z.string()),
  paragraph_id: z.nullish(z.string()),
  annotation_id: z.nullish(z.string()),
  translation_id: z.nullish(z.string()),
  actor_id: z.nullish(z.string()),
  role: z.nullish(roleSchema),
  previous_role: z.nullish(roleSchema),
  excerpt: z.nullish(z.string()),
  read_at: z.nullish(z.string()),
  created_at: z.string(),
  projects: toOne(z.nullable(z.object({ name: z.string() }))),
  documents: toOne(z.nullable(z.object({ title: z.string() }))),
  paragraphs: toOne(z.nullable(z.object({ position: z.int() }))),
  actor: toOne(z.nullable(z.object({ display_name: z.nullish(z.string()), email: z.nullish(z.string()) }))),
});

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  projectId: string;
  projectName: string | null;
  documentId: string | null;
  documentTitle: string | null;
  paragraphId: string | null;
  position: number | null;
  annotationId: string | null;
  translationId: string | null;
  actorName: string | null;
  role: z.infer<typeof roleSchema> | null;
  previousRole: z.infer<typeof roleSchema> | null;
  excerpt: string | null;
  read: boolean;
  createdAt: string;
}

const COLUMNS =
  'id,kind,project_id,document_id,paragraph_id,annotation_id,translation_id,actor_id,role,previous_role,excerpt,read_at,created_at,' +
  'projects(name),documents(title),paragraphs(position),actor:profiles!notifications_actor_id_fkey(display_name,email)';

/** The newest notifications shown; older ones stay in the table. */
export const NOTIFICATION_LIMIT = 50;

function toNotification(row: z.infer<typeof notificationRowSchema>): AppNotification {
  return {
    id: row.id,
    kind: row.kind,
    projectId: row.project_id,
    projectName: row.projects?.name ?? null,
    documentId: row.document_id ?? null,
    documentTitle: row.documents?.title ?? null,
    paragraphId: row.paragraph_id ?? null,
    position: row.paragraphs?.position ?? null,
    annotationId: row.annotation_id ?? null,
    translationId: row.translation_id ?? null,
    actorName: row.actor ? row.actor.display_name || row.actor.email || null : null,
    role: row.role ?? null,
    previousRole: row.previous_role ?? null,
    excerpt: row.excerpt ?? null,
    read: !!row.read_at,
    createdAt: row.created_at,
  };
}

export async function fetchNotifications(signal?: AbortSignal): Promise<AppNotification[]> {
  const query = supabase.from('notifications').select(COLUMNS).order('created_at', { ascending: false }).order('id', { ascending: false }).limit(NOTIFICATION_LIMIT);
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(notificationRowSchema).parse(data).map(toNotification);
}

export const notificationsQuery = (userId: string) =>
  queryOptions({
    queryKey: notificationKeys.list(userId),
    queryFn: ({ signal }) => fetchNotifications(signal),
    // Realtime brings new ones at once; the poll only covers a dropped socket.
    refetchInterval: 120_000,
  });

/** The user's notifications, kept current over Realtime while mounted. */
export function useNotifications(userId: string) {
  useNotificationsLive(userId);
  return useQuery(notificationsQuery(userId));
}

/** Marks some (or, without ids, all) of the user's notifications read. */
export function useMarkNotificationsRead(userId: string) {
  const queryClient = useQueryClient();
  const key = notificationKeys.list(userId);
  return useMutation({
    mutationFn: async (ids: readonly number[] | null) => {
      await supabase.rpc('mark_notifications_read', ids ? { p_ids: [...ids] } : {}).throwOnError();
    },
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<AppNotification[]>(key);
      if (previous) queryClient.setQueryData(key, previous.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n)));
      return { previous };
    },
    onError: (_e, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => invalidate(queryClient, { type: 'notification' }),
  });
}

/** Where a notification leads: the paragraph it is about, or the project's place in the library. */
export function notificationHref(n: AppNotification): string {
  if (n.documentId && n.position !== null) return `/documents/${n.documentId}?p=${n.position}`;
  if (n.documentId) return `/documents/${n.documentId}`;
  return `/#project-${n.projectId}`;
}
