// How failures from Supabase are told apart: a stale version, a dropped connection, or a refusal.

/** A save carried a version that is no longer current; `current` is the row as it is now. */
export class ConflictError extends Error {
  constructor(readonly current: unknown) {
    super('The row was changed by someone else');
    this.name = 'ConflictError';
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  details?: unknown;
}

function asErrorLike(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : {};
}

/** True when the request never got an answer (offline, DNS, refused connection, CORS failure). */
export function isNetworkError(e: unknown): boolean {
  const { name, message } = asErrorLike(e);
  if (name === 'AbortError') return false;
  if (name === 'TypeError' || name === 'FetchError' || name === 'AuthRetryableFetchError') return true;
  return typeof message === 'string' && /Failed to fetch|NetworkError|Load failed|fetch failed|ERR_INTERNET_DISCONNECTED/i.test(message);
}

export function isAbortError(e: unknown): boolean {
  return asErrorLike(e).name === 'AbortError';
}

/** Postgres / PostgREST error code of a thrown PostgrestError, if any. */
export function errorCode(e: unknown): string | null {
  const { code } = asErrorLike(e);
  return typeof code === 'string' && code !== '' ? code : null;
}

/** The stale-version error of save_translation / save_annotation (SQLSTATE PT409), turned into a ConflictError. */
function asConflict(e: unknown): ConflictError | null {
  if (e instanceof ConflictError) return e;
  if (errorCode(e) !== 'PT409') return null;
  const { details } = asErrorLike(e);
  let current: unknown = null;
  if (typeof details === 'string') {
    try {
      current = JSON.parse(details);
    } catch {
      current = null;
    }
  } else if (typeof details === 'object') {
    current = details;
  }
  return new ConflictError(current);
}

/** Rethrows `e`; a stale-version error becomes a ConflictError carrying the current row when `schema` accepts it. */
export function rethrowAsConflict(e: unknown, schema: { safeParse: (value: unknown) => { success: boolean; data?: unknown } }): never {
  const conflict = asConflict(e);
  if (!conflict) throw e;
  const current = schema.safeParse(conflict.current);
  throw new ConflictError(current.success ? current.data : null);
}

export type ErrorKind = 'network' | 'conflict' | 'forbidden' | 'not-found' | 'invalid' | 'other';

export function errorKind(e: unknown): ErrorKind {
  if (e instanceof ConflictError || errorCode(e) === 'PT409') return 'conflict';
  if (isNetworkError(e)) return 'network';
  const code = errorCode(e);
  if (code === '42501' || code === 'PGRST301' || code === 'PGRST302') return 'forbidden';
  if (code === 'PGRST116' || code === 'PGRST205' || code === 'PT404') return 'not-found';
  if (code === '23514' || code === '22P02' || code === '22023' || code === 'P0001' || code === '23505' || code === '55000') return 'invalid';
  return 'other';
}

/** The message to show next to a failed action: the server's words when it gave some. */
export function errorMessage(e: unknown): string {
  const { message } = asErrorLike(e);
  return typeof message === 'string' && message !== '' ? message : String(e);
}
