// Members of a project and their roles (several rows per person when they hold several roles).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { invalidate, projectKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';
import { fetchProfiles } from './profiles.ts';
import { errorCode } from './errors.ts';
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

/** Raised when an invitation names an email that has no account. */
export class UnknownEmailError extends Error {
  constructor(readonly email: string) {
    super(`No account with the email ${email}`);
    this.name = 'UnknownEmailError';
  }
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

export function useInviteMember(projectId: string) {
  return useMemberMutation(projectId, async ({ email, role }: { email: string; role: Role }) => {
    // Owners cannot read profiles outside their projects: the RPC looks the email up for them.
    try {
      await supabase.rpc('add_project_member', { p_project_id: projectId, p_email: email.trim(), p_role: role }).throwOnError();
    } catch (e) {
      if (errorCode(e) === 'PT404') throw new UnknownEmailError(email.trim());
      throw e;
    }
  });
}

export function useChangeMemberRole(projectId: string) {
  return useMemberMutation(
    projectId,
    async ({ userId, from, to }: { userId: string; from: Role; to: Role }) => {
      await supabase.from('project_members').update({ role: to }).eq('project_id', projectId).eq('user_id', userId).eq('role', from).throwOnError();
    },
    (members, { userId, from, to }) => members.map((m) => (m.userId === userId && m.role === from ? { ...m, role: to } : m)),
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
