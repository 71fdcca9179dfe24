// Translations: one row per paragraph, saved through the save_translation RPC with optimistic versions.
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { rethrowAsConflict } from './errors.ts';
import { withSignal } from './postgrest.ts';
import type { Json } from './database.types.ts';

export const translationStatusSchema = z.enum(['empty', 'draft', 'translated', 'approved', 'rejected']);
export type TranslationStatus = z.infer<typeof translationStatusSchema>;

export const translationSchema = z.object({
  id: z.string(),
  paragraph_id: z.string(),
  body: z.unknown(),
  text: z.pipe(
    z.nullable(z.string()),
    z.transform((s) => s ?? ''),
  ),
  status: translationStatusSchema,
  /** Consecutive paragraphs this text covers, starting at its own (an aligned 1:n row); 1 when absent. */
  span: z.optional(z.int().check(z.minimum(1))),
  version: z.int(),
  updated_by: z.nullish(z.string()),
  updated_at: z.nullish(z.string()),
  /** The decision on the current text (approved or rejected rows only). */
  review_comment: z.nullish(z.string()),
  reviewed_by: z.nullish(z.string()),
  reviewed_at: z.nullish(z.string()),
  /** A reviewer's suggested translation, attached to a rejection. */
  suggested_text: z.nullish(z.string()),
});
export type Translation = z.infer<typeof translationSchema>;

export const TRANSLATION_COLUMNS =
  'id,paragraph_id,body,text,status,span,version,updated_by,updated_at,review_comment,reviewed_by,reviewed_at,suggested_text';

export interface SaveTranslationInput {
  paragraphId: string;
  expectedVersion: number;
  body: unknown;
  text: string;
  status: TranslationStatus | null;
}

/** Saves one translation; throws ConflictError when `expectedVersion` is stale. */
export async function saveTranslation(input: SaveTranslationInput, signal?: AbortSignal): Promise<Translation> {
  const args = {
    p_paragraph_id: input.paragraphId,
    p_expected_version: input.expectedVersion,
    // Validated tiptap JSON from the editor, or the server's own row when resolving a conflict.
    p_body: input.body as Json,
    p_text: input.text,
    ...(input.status ? { p_status: input.status } : {}),
  };
  try {
    const { data } = await withSignal(supabase.rpc('save_translation', args), signal).throwOnError();
    return translationSchema.parse(Array.isArray(data) ? data[0] : data);
  } catch (e) {
    rethrowAsConflict(e, translationSchema);
  }
}
