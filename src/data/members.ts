// Members of a project and their roles (several rows per person when they hold several roles).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { invalidate, projectKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';
import { fetchProfiles } from './profiles.ts';
import { roleSchema, type Role } from './projects.ts';

const memberRowSchema = z.object({ project_id: z.string(), user_id: z.string(), role: roleSchema });

export interface Member {
  userId: string;
  role: Role;
  displayName: string;
  email: string;
}

export async function fetchMembers(projectId: string, signal?: AbortSignal): Promise<Member[]> {
  const query = supabase.from('project_members').select('project_id,user_id,role').eq('project_id', projectId);
  const { data } = await withSignal(query, signal).throwOnError();
  const rows = z.array(memberRowSchema).parse(data);
  const profiles = new Map((await fetchProfiles([...new Set(rows.map((r) => r.user_id))], signal)).map((p) => [p.id, p]));
  return rows
    .map((r) => ({
      userId: r.user_id,
      role: r.role,
      displayName: profiles.get(r.user_id)?.displayName ?? r.user_id.slice(0, 8),
      email: profiles.get(r.user_id)?.email ?? '',
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.role.localeCompare(b.role));
}

export const membersQuery = (projectId: string) =>
  queryOptions({
    queryKey: projectKeys.members(projectId),
    queryFn: ({ signal }) => fetchMembers(projectId, signal),
  });

export function useMembers(projectId: string, enabled = true) {
  return useQuery({ ...membersQuery(projectId), enabled });
}

function useMemberMutation<V>(projectId: string, run: (vars: V) => Promise<void>, optimistic?: (members: Member[], vars: V) => Member[]) {
  const queryClient = useQueryClient();
  const key = membersQuery(projectId).queryKey;
  return useMutation({
    mutationFn: run,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      if (previous && optimistic) queryClient.setQueryData(key, optimistic(previous, vars));
      return { previous };
    },
    onError: (_e, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => invalidate(queryClient, { type: 'membership', projectId }),
  });
}

const invitationSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  email: z.string(),
  role: roleSchema,
  created_at: z.string(),
  email_sent_at: z.nullish(z.string()),
});
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  emailSentAt: string | null;
}

/** Pending invitations of a project (owners only; others read none). */
export async function fetchInvitations(projectId: string, signal?: AbortSignal): Promise<Invitation[]> {
  const query = supabase
    .from('project_invitations')
    .select('id,project_id,email,role,created_at,email_sent_at')
    .eq('project_id', projectId)
    .is('accepted_at', null)
    .order('created_at');
  const { data } = await withSignal(query, signal).throwOnError();
  return z
    .array(invitationSchema)
    .parse(data)
    .map((i) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.created_at, emailSentAt: i.email_sent_at ?? null }));
}

export function useInvitations(projectId: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.invitations(projectId),
    queryFn: ({ signal }) => fetchInvitations(projectId, signal),
    enabled,
  });
}

const inviteResultSchema = z.object({
  status: z.enum(['added', 'invited']),
  email: z.string(),
  already: z.boolean(),
  invitation_id: z.optional(z.string()),
});

export type InviteOutcome =
  | { status: 'added'; email: string; already: boolean }
  /** `emailSent` false: the invitation stands and works on sign-up; only the email did not go out. */
  | { status: 'invited'; email: string; already: boolean; emailSent: boolean; emailError: string | null };

/** Asks the send-invitation function (which holds the service key) to email the invitation. */
async function sendInvitationEmail(invitationId: string): Promise<string | null> {
  const redirectTo = typeof window === 'undefined' ? undefined : `${window.location.origin}/welcome`;
  const { error } = await supabase.functions.invoke('send-invitation', { body: { invitation_id: invitationId, redirect_to: redirectTo } });
  if (!error) return null;
  const context = (error as { context?: unknown }).context;
  if (context instanceof Response) {
    const body = (await context.json().catch(() => null)) as { message?: string } | null;
    if (body?.message) return body.message;
  }
  return error.message;
}

export function useInviteMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ email, role }: { email: string; role: Role }): Promise<InviteOutcome> => {
      // Owners cannot read profiles outside their projects: the RPC looks the email up for them.
      const { data } = await supabase.rpc('invite_member', { p_project_id: projectId, p_email: email.trim(), p_role: role }).throwOnError();
      const result = inviteResultSchema.parse(data);
      if (result.status === 'added') return { status: 'added', email: result.email, already: result.already };
      const emailError = result.invitation_id ? await sendInvitationEmail(result.invitation_id) : null;
      return { status: 'invited', email: result.email, already: result.already, emailSent: emailError === null, emailError };
    },
    onSettled: () => invalidate(queryClient, { type: 'membership', projectId }),
  });
}

export function useRevokeInvitation(projectId: string) {
  const queryClient = useQueryClient();
  const key = projectKeys.invitations(projectId);
  return useMutation({
    mutationFn: async (id: string) => {
      await supabase.from('project_invitations').delete().eq('id', id).throwOnError();
    },
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Invitation[]>(key);
      if (previous) queryClient.setQueryData(key, previous.filter((i) => i.id !== id));
      return { previous };
    },
    onError: (_e, _id, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => invalidate(queryClient, { type: 'membership', projectId }),
  });
}

/** Moving a member between roles in one step; onto a role they already hold, the two rows merge. */
export function mergeRoleChange(members: Member[], userId: string, from: Role, to: Role): Member[] {
  const holdsTarget = members.some((m) => m.userId === userId && m.role === to);
  return members.flatMap((m) => {
    if (m.userId !== userId || m.role !== from) return [m];
    return holdsTarget && from !== to ? [] : [{ ...m, role: to }];
  });
}

export function useChangeMemberRole(projectId: string) {
  return useMemberMutation(
    projectId,
    async ({ userId, from, to }: { userId: string; from: Role; to: Role }) => {
      await supabase.rpc('set_member_role', { p_project_id: projectId, p_user_id: userId, p_from: from, p_to: to }).throwOnError();
    },
    (members, { userId, from, to }) => mergeRoleChange(members, userId, from, to),
  );
}

export function useRemoveMember(projectId: string) {
  return useMemberMutation(
    projectId,
    async ({ userId, role }: { userId: string; role: Role }) => {
      await supabase.from('project_members').delete().eq('project_id', projectId).eq('user_id', userId).eq('role', role).throwOnError();
    },
    (members, { userId, role }) => members.filter((m) => !(m.userId === userId && m.role === role)),
  );
}
