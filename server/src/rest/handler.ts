/**
 * The PostgREST-compatible `/rest/v1` service: JWT → role, request → plan → one transaction →
 * PostgREST's response. The schema cache reloads on `ctx.onSchemaChange` and `NOTIFY pgrst`.
 */
import type { ApiRequest, ApiResponse, Handler, ServerContext } from '../http/types.ts';
import { type EngineContext, type AuthInfo, optionsResponse, prepare, run } from './engine.ts';
import { ApiError, errorResponse, jwtError, toApiError } from './errors.ts';
import { parseRequest } from './request.ts';
import { type SchemaCache, loadSchemaCache } from './schema-cache.ts';

/** Supabase's anonymous role (PostgREST's db-anon-role). */
export const ANON_ROLE = 'anon';

async function authenticate(ctx: ServerContext, header: string | undefined): Promise<AuthInfo> {
  if (header === undefined) return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
  const m = /^bearer\s*(.*)$/i.exec(header.trim());
  // A non-Bearer Authorization header is ignored, as PostgREST does.
  if (!m) return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
  const token = m[1]!.trim();
  if (token === '') throw jwtError('decode', 'Empty JWT is sent in Authorization header');
  const result = await ctx.jwt.verify(token);
  if (!result.ok) {
    const { kind, message } = result.error;
    const decode = kind === 'malformed' || message === 'JWT cryptographic operation failed';
    throw jwtError(decode ? 'decode' : 'claims', message);
  }
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

  return async (req: ApiRequest): Promise<ApiResponse> => {
    let authenticated = false;
    try {
      const auth = await authenticate(ctx, req.headers.authorization);
      authenticated = auth.role !== ANON_ROLE;
      const current = cache;
      const preq = parseRequest(req, schemas, current.timezones);
      const engine: EngineContext = { db: ctx.db, cache: current, config: ctx.config, anonRole: ANON_ROLE };
      if (preq.action === 'info') return optionsResponse(engine, preq);
      const prepared = prepare(engine, preq);
      return await run(engine, preq, auth, prepared);
    } catch (e) {
      const err = e instanceof ApiError ? e : toApiError(e, authenticated);
      return errorResponse(err);
    }
  };
}
