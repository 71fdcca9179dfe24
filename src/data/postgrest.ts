// Small pieces every fetcher shares: the query's abort signal, embedded to-one rows, and "contains" patterns.
import { z } from 'zod/mini';

/** Ties a request to the query's AbortSignal (TanStack Query aborts it when nobody waits any more). */
export function withSignal<Q extends { abortSignal(signal: AbortSignal): Q }>(query: Q, signal: AbortSignal | undefined): Q {
  return signal ? query.abortSignal(signal) : query;
}

/** A to-one embed (`paragraphs(documents(title))`): PostgREST sends an object, or null; a one-element array is read the same way. */
export function toOne<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.transform((v: unknown) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))),
    schema,
  );
}

/** PostgREST's ilike pattern for "contains": its wildcards escaped, `*` around. */
export function containsPattern(text: string): string {
  return `*${text.replace(/[\\%_*]/g, (c) => `\\${c}`)}*`;
}
