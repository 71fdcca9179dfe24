// Projects the signed-in user belongs to, with the roles they hold in each.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { invalidate, projectKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

export const roleSchema = z.enum(['owner', 'translator', 'researcher', 'reviewer']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES: readonly Role[] = roleSchema.options;

const projectRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  created_by: z.nullish(z.string()),
  project_members: z.nullish(z.array(z.object({ user_id: z.string(), role: roleSchema }))),
});

export interface Project {
  id: string;
  name: string;
  description: string | null;
  /** Roles of the signed-in user in this project (one person may hold several). */
  roles: Role[];
}

export async function fetchProjects(userId: string, signal?: AbortSignal): Promise<Project[]> {
  const query = supabase.from('projects').select('id,name,description,created_by,project_members(user_id,role)').order('name');
  const { data } = await withSignal(query, signal).throwOnError();
  return z
    .array(projectRowSchema)
    .parse(data)
    .map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description ?? null,
      roles: (p.project_members ?? []).filter((m) => m.user_id === userId).map((m) => m.role),
    }));
}

export const projectsQuery = (userId: string) =>
  queryOptions({
    queryKey: projectKeys.list(userId),
    queryFn: ({ signal }) => fetchProjects(userId, signal),
  });

export function useProjects(userId: string) {
  return useQuery(projectsQuery(userId));
}

export function hasRole(project: Pick<Project, 'roles'> | undefined, ...roles: Role[]): boolean {
  return !!project && project.roles.some((r) => roles.includes(r));
}

/** Creates a project; its creator becomes its owner (a trigger in the database). */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const { data } = await supabase.from('projects').insert({ name: name.trim() }).select('id,name').single().throwOnError();
      return z.object({ id: z.string(), name: z.string() }).parse(data);
    },
    onSettled: () => invalidate(queryClient, { type: 'project' }),
  });
}

export function useRenameProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ projectId, name }: { projectId: string; name: string }) => {
      await supabase.from('projects').update({ name: name.trim() }).eq('id', projectId).select('id').single().throwOnError();
    },
    onSettled: () => invalidate(queryClient, { type: 'project' }),
  });
}
