import type { ApiResponse } from '../http/types.ts';
import { DatabaseUnavailableError, PoolTimeoutError, isPgError, type PgError } from '../db/types.ts';
import { CLOCK_SKEW_SECONDS, describeFailure, type FailureTable, type JwtFailure, type VerifyOptions } from '../jwt.ts';

/** A PostgREST error: `{code, message, details, hint}` with its HTTP status and extra headers. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly hint: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorResponse(e: ApiError): ApiResponse {
  return {
    status: e.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'proxy-status': `PostgREST; error=${e.code}`,
      ...e.headers,
    },
    body: JSON.stringify({ code: e.code, details: e.details ?? null, hint: e.hint ?? null, message: e.message }),
  };
}

/** HTTP status for a SQLSTATE, as PostgREST's mapSQLtoHTTP. */
export function statusForSqlState(code: string, message: string, authenticated: boolean): number {
  if (code.startsWith('08')) return 503;
  if (code.startsWith('09')) return 500;
  if (code.startsWith('0L') || code.startsWith('0P')) return 403;
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
    case 'P0001':
      return 400;
    case '42883':
      return message.startsWith('function xmlagg(') ? 406 : 404;
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return authenticated ? 403 : 401;
    default:
      break;
  }
  const two = code.slice(0, 2);
  if (['25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'P0', 'XX'].includes(two)) return 500;
  if (two === '28') return 403;
  if (two === '53') return 503;
  if (two === 'PT') {
    const n = Number(code.slice(2));
    return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500;
  }
  return 400;
}

function raisePgrst(pg: PgError): ApiError {
  let msg: Record<string, unknown>;
  try {
    const parsed = JSON.parse(pg.message) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    msg = parsed as Record<string, unknown>;
    if (typeof msg.code !== 'string' || typeof msg.message !== 'string') throw new Error('missing keys');
  } catch {
    return new ApiError(
      500,
      'PGRST121',
      'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
      `Invalid JSON value for MESSAGE: '${pg.message}'`,
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    );
  }
  const detailHint = "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
  if (pg.detail === undefined || pg.detail === null) {
    return new ApiError(500, 'PGRST121', 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error', 'DETAIL is missing in the RAISE statement', detailHint);
  }
  let det: Record<string, unknown>;
  try {
    det = JSON.parse(pg.detail) as Record<string, unknown>;
    if (!det || typeof det !== 'object' || typeof det.status !== 'number' || typeof det.headers !== 'object') throw new Error('bad');
  } catch {
    return new ApiError(500, 'PGRST121', 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error', `Invalid JSON value for DETAIL: '${pg.detail}'`, detailHint);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((det.headers ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
  return new ApiError(det.status as number, msg.code as string, msg.message as string, msg.details ?? null, msg.hint ?? null, headers);
}

/** Maps anything thrown while serving a request to PostgREST's error response. */
export function toApiError(e: unknown, authenticated: boolean): ApiError {
  if (e instanceof ApiError) return e;
  // The connection to the database is lost or the pool is exhausted: PostgREST's 503 PGRST001 / 504 PGRST003.
  if (e instanceof DatabaseUnavailableError) return new ApiError(503, e.pgrstCode, e.message, e.detail);
  if (e instanceof PoolTimeoutError) return new ApiError(504, e.pgrstCode, e.message);
  if (isPgError(e) && e.code) {
    if (e.code === 'PGRST') return raisePgrst(e);
    const status = statusForSqlState(e.code, e.message, authenticated);
    return new ApiError(status, e.code, e.message, e.detail ?? null, e.hint ?? null, status === 401 ? { 'www-authenticate': 'Bearer' } : {});
  }
  console.error('[rest] unexpected error', e);
  return new ApiError(500, 'PGRSTX00', e instanceof Error ? e.message : String(e));
}

// Frequently used PostgREST errors ----------------------------------------------------------------

export const errors = {
  queryParam: (message: string, details: string) => new ApiError(400, 'PGRST100', message, details),
  invalidRpcMethod: (method: string) => new ApiError(405, 'PGRST101', `Cannot use the ${method} method on RPC`),
  invalidBody: (message: string) => new ApiError(400, 'PGRST102', message),
  invalidRange: (details: string) => new ApiError(416, 'PGRST103', 'Requested range not satisfiable', details),
  invalidFilters: () => new ApiError(405, 'PGRST105', "Filters must include all and only primary key columns with 'eq' operators"),
  unacceptableSchema: (schema: string, schemas: string[]) =>
    new ApiError(406, 'PGRST106', `Invalid schema: ${schema}`, null, `Only the following schemas are exposed: ${schemas.join(', ')}`),
  mediaType: (mimes: string[]) => new ApiError(406, 'PGRST107', `None of these media types are available: ${mimes.join(', ')}`),
  notEmbedded: (resource: string) =>
    new ApiError(400, 'PGRST108', `'${resource}' is not an embedded resource in this request`, null, `Verify that '${resource}' is included in the 'select' query parameter.`),
  putLimit: () => new ApiError(400, 'PGRST114', 'limit/offset querystring parameters are not allowed for PUT'),
  putMatchingPk: () => new ApiError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)'),
  singularity: (n: number) => new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${n} rows`),
  unsupportedMethod: (method: string) => new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${method}`),
  relatedOrderNotToOne: (origin: string, target: string) =>
    new ApiError(400, 'PGRST118', `A related order on '${target}' is not possible`, `'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`),
  unacceptableFilter: (target: string) =>
    new ApiError(400, 'PGRST120', `Bad operator on the '${target}' embedded resource`, 'Only is null or not is null filters are allowed on embedded resources'),
  invalidPreferences: (prefs: string[]) =>
    new ApiError(400, 'PGRST122', 'Invalid preferences given with handling=strict', `Invalid preferences: ${prefs.join(', ')}`),
  aggregatesNotAllowed: () => new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed'),
  maxAffected: (n: number) => new ApiError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${n} rows`),
  invalidPath: () => new ApiError(404, 'PGRST125', 'Invalid path specified in request URL'),
  maxAffectedRpc: () =>
    new ApiError(400, 'PGRST128', 'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'),
  columnNotFound: (rel: string, col: string) => new ApiError(400, 'PGRST204', `Could not find the '${col}' column of '${rel}' in the schema cache`),
};

export type JwtFailureKind = 'decode' | 'claims';

export function jwtError(kind: JwtFailureKind, message: string): ApiError {
  const code = kind === 'decode' ? 'PGRST301' : 'PGRST303';
  return new ApiError(401, code, message, null, null, {
    'www-authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`,
  });
}

/** How PostgREST verifies a JWT: HS256 with the secret, 30 s of clock skew on exp, nbf and iat. */
export const POSTGREST_JWT: VerifyOptions = { algorithms: ['HS256'], leeway: CLOCK_SKEW_SECONDS, notBefore: true, issuedAt: 'past' };

const CRYPTO_FAILED = 'JWT cryptographic operation failed';

/** PostgREST's answer to each failure: PGRST301 (decode) or PGRST303 (claims) and its message. */
const POSTGREST_JWT_ERRORS: FailureTable<[JwtFailureKind, string]> = {
  segments: (f) => ['decode', `Expected 3 parts in JWT; got ${f.count}`],
  header: () => ['decode', CRYPTO_FAILED],
  claims: () => ['decode', CRYPTO_FAILED],
  no_algorithm: () => ['decode', CRYPTO_FAILED],
  algorithm: () => ['decode', CRYPTO_FAILED],
  signature: () => ['decode', CRYPTO_FAILED],
  claim_type: (f) => (f.claim === 'nbf' ? ['claims', 'JWT not yet valid'] : ['decode', CRYPTO_FAILED]),
  expired: () => ['claims', 'JWT expired'],
  not_yet_valid: () => ['claims', 'JWT not yet valid'],
  issued_in_future: () => ['claims', 'JWT issued at future'],
};

export const jwtFailureError = (failure: JwtFailure): ApiError => jwtError(...describeFailure(POSTGREST_JWT_ERRORS, failure));
