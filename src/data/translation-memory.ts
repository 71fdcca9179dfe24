// Translation memory: suggestions for a row (RPC tm_suggestions), and the TMX files imported into a
// project (tm_imports, RPC import_translation_memory).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { invalidate, memoryKeys } from './keys.ts';
import { withSignal } from './postgrest.ts';

export const suggestionSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  project_name: z.string(),
  source: z.string(),
  target: z.string(),
  exact: z.boolean(),
  score: z.number(),
  occurrences: z.number(),
  status: z.enum(['translated', 'approved', 'imported']),
  author_id: z.nullish(z.string()),
  author_name: z.nullish(z.string()),
  updated_at: z.nullish(z.string()),
  origin: z.enum(['project', 'import']),
  import_name: z.nullish(z.string()),
  document_id: z.nullish(z.string()),
  document_title: z.nullish(z.string()),
  position: z.nullish(z.number()),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

const suggestionsSchema = z.object({
  source: z.nullish(z.string()),
  suggestions: z.array(suggestionSchema),
});

export async function fetchSuggestions(paragraphId: string, signal?: AbortSignal) {
  const query = supabase.rpc('tm_suggestions', { p_paragraph_id: paragraphId, p_limit: 10 });
  const { data } = await withSignal(query, signal).throwOnError();
  return suggestionsSchema.parse(data);
}

export const suggestionsQuery = (paragraphId: string) =>
  queryOptions({
    queryKey: memoryKeys.suggestions(paragraphId),
    queryFn: ({ signal }) => fetchSuggestions(paragraphId, signal),
  });

export function useSuggestions(paragraphId: string, enabled: boolean) {
  return useQuery({ ...suggestionsQuery(paragraphId), enabled });
}

export const memoryImportSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  source_language: z.string(),
  target_language: z.string(),
  units: z.number(),
  created_by: z.nullish(z.string()),
  created_at: z.string(),
});
export type MemoryImport = z.infer<typeof memoryImportSchema>;

export async function fetchMemoryImports(projectId: string, signal?: AbortSignal): Promise<MemoryImport[]> {
  const query = supabase
    .from('tm_imports')
    .select('id,project_id,name,source_language,target_language,units,created_by,created_at')
    .eq('project_id', projectId)
    .order('created_at', { ascending: false });
  const { data } = await withSignal(query, signal).throwOnError();
  return z.array(memoryImportSchema).parse(data);
}

export const memoryImportsQuery = (projectId: string) =>
  queryOptions({
    queryKey: memoryKeys.imports(projectId),
    queryFn: ({ signal }) => fetchMemoryImports(projectId, signal),
  });

export function useMemoryImports(projectId: string, enabled = true) {
  return useQuery({ ...memoryImportsQuery(projectId), enabled });
}

export interface MemoryUnit {
  source: string;
  target: string;
  author?: string | undefined;
  updated_at?: string | undefined;
}

export interface ImportMemoryVars {
  projectId: string;
  name: string;
  sourceLanguage: string;
  targetLanguage: string;
  units: MemoryUnit[];
}

export function useImportMemory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: ImportMemoryVars) => {
      const { data } = await supabase
        .rpc('import_translation_memory', {
          p_project_id: vars.projectId,
          p_name: vars.name,
          p_source_language: vars.sourceLanguage,
          p_target_language: vars.targetLanguage,
          p_units: vars.units as never,
        })
        .throwOnError();
      return memoryImportSchema.parse(data);
    },
    onSuccess: (_row, { projectId }) => invalidate(queryClient, { type: 'memory', projectId }),
  });
}

export function useDeleteMemoryImport(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await supabase.from('tm_imports').delete().eq('id', id).throwOnError();
    },
    onSettled: () => invalidate(queryClient, { type: 'memory', projectId }),
  });
}
