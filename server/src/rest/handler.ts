/**
 * The PostgREST-compatible `/rest/v1` service: JWT → role, request → plan → one transaction →
 * PostgREST's response. The schema cache reloads on `ctx.onSchemaChange` and `NOTIFY pgrst`.
 */
import type { ApiRequest, ApiResponse, Handler, ServerContext } from '../http/types.ts';
import { type AuthInfo, type EngineContext, type Prepared, openApiResponse, optionsResponse, prepare, run } from './engine.ts';
import { CLOCK_SKEW_SECONDS, verify } from '../jwt.ts';
import { ApiError, errorResponse, jwtError, jwtFailureError, POSTGREST_JWT, toApiError } from './errors.ts';
import { parseRequest } from './request.ts';
import { type SchemaCache, loadSchemaCache } from './schema-cache.ts';

/** Supabase's anonymous role (PostgREST's db-anon-role). */
export const ANON_ROLE = 'anon';

/** Verified tokens, so repeat requests skip the HMAC; expiry is still checked on every use. */
const tokenCaches = new WeakMap<object, Map<string, { claims: Record<string, unknown>; exp: number | undefined }>>();
const MAX_CACHED_TOKENS = 1000;

async function verifyCached(ctx: ServerContext, token: string) {
  let verifiedTokens = tokenCaches.get(ctx.jwt);
  if (!verifiedTokens) {
    verifiedTokens = new Map();
    tokenCaches.set(ctx.jwt, verifiedTokens);
  }
  const hit = verifiedTokens.get(token);
  if (hit && (hit.exp === undefined || hit.exp + CLOCK_SKEW_SECONDS > Date.now() / 1000)) return { ok: true as const, claims: hit.claims };
  const result = await verify(token, ctx.jwt, POSTGREST_JWT);
  if (result.ok) {
    if (verifiedTokens.size >= MAX_CACHED_TOKENS) verifiedTokens.delete(verifiedTokens.keys().next().value as string);
    verifiedTokens.set(token, { claims: result.claims, exp: typeof result.claims.exp === 'number' ? result.claims.exp : undefined });
  } else verifiedTokens.delete(token);
  return result;
}

async function authenticate(ctx: ServerContext, header: string | undefined): Promise<AuthInfo> {
  if (header === undefined) return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
  const m = /^bearer\s*(.*)$/i.exec(header.trim());
  // A non-Bearer Authorization header is ignored, as PostgREST does.
  if (!m) return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
  const token = m[1]!.trim();
  if (token === '') throw jwtError('decode', 'Empty JWT is sent in Authorization header');
  const result = await verifyCached(ctx, token);
  if (!result.ok) throw jwtFailureError(result.failure);
  const claims = result.claims;
  const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : ANON_ROLE;
  return { role, claims: typeof claims.role === 'string' ? claims : { ...claims, role } };
}

export async function createRestHandler(ctx: ServerContext): Promise<Handler> {
  const schemas = ctx.config.dbSchemas;
  let cache: SchemaCache = await loadSchemaCache(ctx.db, schemas);
  let reloading: Promise<void> | undefined;
  let again = false;

  const reload = async (): Promise<void> => {
    if (reloading) {
      // Coalesce bursts of reload requests into one more load after the current one.
      again = true;
      return reloading;
    }
    reloading = (async () => {
      do {
        again = false;
        cache = await loadSchemaCache(ctx.db, schemas);
      } while (again);
    })().finally(() => {
      reloading = undefined;
    });
    return reloading;
  };

  ctx.onSchemaChange.add(reload);
  try {
    await ctx.db.listen('pgrst', (payload) => {
      const p = payload.trim();
      if (p === '' || p === 'reload schema' || p === 'reload config') {
        reload().catch((e: unknown) => console.error('[rest] schema reload failed', e));
      }
    });
  } catch (e) {
    console.error('[rest] could not LISTEN on pgrst', e);
  }

  // Reads with the same URL and negotiation headers plan to the same SQL: keep the last few
  // hundred plans per schema cache generation (a reload starts a fresh map).
  const PLAN_CACHE_SIZE = 500;
  let plans = new Map<string, Prepared>();
  let plansFor: SchemaCache | undefined;
  const planFor = (engine: EngineContext, req: ApiRequest, preq: ReturnType<typeof parseRequest>): Prepared => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return prepare(engine, preq);
    if (plansFor !== engine.cache) {
      plans = new Map();
      plansFor = engine.cache;
    }
    const h = req.headers;
    const key = [req.method, req.path, req.url.search, h.accept, h.prefer, h['accept-profile'], h.range].join('\u0000');
    const hit = plans.get(key);
    if (hit) return hit;
    const fresh = prepare(engine, preq);
    if (plans.size >= PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value as string);
    plans.set(key, fresh);
    return fresh;
  };

  return async (req: ApiRequest): Promise<ApiResponse> => {
    let authenticated = false;
    try {
      const auth = await authenticate(ctx, req.headers.authorization);
      authenticated = auth.role !== ANON_ROLE;
      const current = cache;
      const preq = parseRequest(req, schemas, current.timezones);
      const engine: EngineContext = { db: ctx.db, cache: current, config: ctx.config };
      if (preq.action === 'info') return optionsResponse(engine, preq);
      if (preq.resource.kind === 'schema') return openApiResponse(engine, preq);
      const prepared = planFor(engine, req, preq);
      return await run(engine, preq, auth, prepared);
    } catch (e) {
      const err = e instanceof ApiError ? e : toApiError(e, authenticated);
      return errorResponse(err);
    }
  };
}
