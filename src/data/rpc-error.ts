// A refusal from the REST API for requests made without supabase-js (uploads with progress).
import { z } from 'zod/mini';

/** Shaped like supabase-js's PostgrestError (code, details, hint), so errors.ts reads it the same way. */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly status: number,
    readonly details: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

const postgrestErrorSchema = z.object({
  code: z.nullish(z.string()),
  message: z.optional(z.string()),
  msg: z.optional(z.string()),
  details: z.nullish(z.string()),
  hint: z.nullish(z.string()),
});

/** The error a failed REST response stands for, from PostgREST's JSON body or, failing that, the status. */
export function rpcErrorFromResponse(status: number, body: string): RpcError {
  let parsed: z.infer<typeof postgrestErrorSchema> | null;
  try {
    const result = postgrestErrorSchema.safeParse(JSON.parse(body));
    parsed = result.success ? result.data : null;
  } catch {
    // Proxies answer 413 or 502 with HTML; the status alone then tells what happened.
    parsed = null;
  }
  const message = parsed?.message ?? parsed?.msg ?? (status === 413 ? 'The request is too large' : `The server answered ${status}`);
  return new RpcError(message, parsed?.code ?? null, status, parsed?.details ?? null, parsed?.hint ?? null);
}
