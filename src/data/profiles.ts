// Profiles (display name and email) of the people the user works with.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { profileKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

export const profileSchema = z.object({
  id: z.string(),
  display_name: z.nullish(z.string()),
  email: z.nullish(z.string()),
});
export interface Profile {
  id: string;
  displayName: string;
  email: string;
}

const toProfile = (p: z.infer<typeof profileSchema>): Profile => ({
  id: p.id,
  email: p.email ?? '',
  displayName: p.display_name || p.email || p.id.slice(0, 8),
});

export async function fetchProfiles(ids: readonly string[], signal?: AbortSignal): Promise<Profile[]> {
  if (ids.length === 0) return [];
  const query = supabase.from('profiles').select('id,display_name,email').in('id', [...ids]);
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(profileSchema).parse(data).map(toProfile);
}

export const profilesQuery = (ids: readonly string[]) => {
  const sorted = [...new Set(ids)].sort();
  return queryOptions({
    queryKey: profileKeys.list(sorted),
    queryFn: ({ signal }) => fetchProfiles(sorted, signal),
    staleTime: 5 * 60_000,
  });
};

/** Profiles by id for a set of user ids (one request). */
export function useProfiles(ids: readonly string[]) {
  const query = useQuery({ ...profilesQuery(ids), enabled: ids.length > 0, placeholderData: keepPreviousData });
  return useMemo(() => new Map((query.data ?? []).map((p) => [p.id, p])), [query.data]);
}
