/**
 * The PostgREST-compatible `/rest/v1` service (PostgREST's App): JWT → role, HttpRequest →
 * ApiRequest → action plan → SQL → one transaction → response. The schema cache reloads on
 * `ctx.onSchemaChange` and `NOTIFY pgrst`.
 */
import type { ApiResponse, Handler, HttpRequest, ServerContext } from '../http/types.ts';
import { CLOCK_SKEW_SECONDS, verify } from '../jwt.ts';
import { type ApiRequest, userApiRequest } from './api-request.ts';
import { ApiError, POSTGREST_JWT, errorResponse, jwtError, jwtFailureError, toApiError } from './errors.ts';
import { runMainTx } from './main-tx.ts';
import { openApiResponse } from './openapi.ts';
import { type ActionPlan, type PlanContext, actionPlan } from './plan/index.ts';
import { type MainStatement, callStatement, mutateStatement, preQuery, readStatement } from './query-builder.ts';
import { actionResponse, optionsResponse } from './response.ts';
import { type SchemaCache, loadSchemaCache } from './schema-cache.ts';

/** The role and claims a request runs with. */
interface AuthInfo {
  role: string;
  claims: Record<string, unknown>;
}

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
        await ctx.db.forgetStatements?.();
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
  let plans = new Map<string, Planned>();
  let plansFor: SchemaCache | undefined;
  const planFor = (pctx: PlanContext, http: HttpRequest, req: ApiRequest): Planned => {
    if (http.method !== 'GET' && http.method !== 'HEAD') return plan(pctx, req);
    if (plansFor !== pctx.cache) {
      plans = new Map();
      plansFor = pctx.cache;
    }
    const h = http.headers;
    const key = [http.method, http.path, http.url.search, h.accept, h.prefer, h['accept-profile'], h.range].join('\u0000');
    const hit = plans.get(key);
    if (hit) return hit;
    const fresh = plan(pctx, req);
    if (plans.size >= PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value as string);
    plans.set(key, fresh);
    return fresh;
  };

  return async (http: HttpRequest): Promise<ApiResponse> => {
    let authenticated = false;
    try {
      const auth = await authenticate(ctx, http.headers.authorization);
      authenticated = auth.role !== ANON_ROLE;
      const current = cache;
      const req = userApiRequest(http, schemas, current.timezones);
      if (req.action === 'info') return optionsResponse(current, req);
      if (req.resource.kind === 'schema') return openApiResponse(current, ctx.config, req);
      const { action, statement } = planFor({ cache: current, config: ctx.config }, http, req);
      const result = await runMainTx(ctx.db, {
        pre: preQuery({
          searchPath: [req.schema, ...ctx.config.extraSearchPath],
          roleSettings: current.roleSettings.get(auth.role) ?? [],
          role: auth.role,
          claims: auth.claims,
          method: req.method,
          path: req.path,
          headers: req.headers,
          cookies: req.cookies,
          timezone: req.prefs.timezone,
          fnSettings: action.fnSettings,
        }),
        privilegeCheck: action.privilegeCheck,
        main: statement,
        readOnly: action.readOnly,
        checks: action.checks,
        count: req.prefs.count,
        maxRows: action.maxRows,
        rollback: req.prefs.tx === 'rollback',
      });
      return actionResponse(req, action, result);
    } catch (e) {
      const err = e instanceof ApiError ? e : toApiError(e, authenticated);
      return errorResponse(err);
    }
  };
}

interface Planned {
  action: ActionPlan;
  statement: MainStatement;
}

function plan(pctx: PlanContext, req: ApiRequest): Planned {
  const action = actionPlan(pctx, req);
  const { shape, explain } = action.negotiated;
  const count = req.prefs.count;
  switch (action.kind) {
    case 'read':
      return { action, statement: readStatement(action.read, req.schema, shape, explain, count, action.maxRows) };
    case 'mutate':
      return { action, statement: mutateStatement(action.mutate, action.read, req.schema, shape, explain) };
    case 'call':
      return { action, statement: callStatement(action.call, action.read, req.schema, shape, explain, count) };
  }
}
