/**
 * /functions/v1/<name>: the local stand-in for Supabase's Edge Runtime. Each function lives in
 * supabase/functions/<name>/handler.ts as a default export `(request, env) => Response` written
 * against web-standard Request/Response; its index.ts is the Deno entry used on hosted Supabase.
 *
 * As with the Edge Runtime's default `verify_jwt = true`, a request needs a bearer JWT signed with
 * the project secret (the anon key is one); the function itself decides what the caller may do.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../config.ts';
import { CLOCK_SKEW_SECONDS, verify, type VerifyOptions } from '../jwt.ts';
import { json, type HttpRequest, type ApiResponse, type Handler, type ServerContext } from '../http/types.ts';

export interface FunctionEnv {
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
}

type EdgeFunction = (request: Request, env: FunctionEnv) => Promise<Response>;

const FUNCTIONS_DIR = path.join(PROJECT_ROOT, 'supabase', 'functions');
const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const FUNCTIONS_JWT: VerifyOptions = { algorithms: ['HS256'], leeway: CLOCK_SKEW_SECONDS, notBefore: true, issuedAt: 'ignored' };

export function createFunctionsHandler(ctx: ServerContext, functionsDir = FUNCTIONS_DIR): Handler {
  const loaded = new Map<string, Promise<EdgeFunction | undefined>>();

  function load(name: string): Promise<EdgeFunction | undefined> {
    let fn = loaded.get(name);
    if (!fn) {
      const file = path.join(functionsDir, name, 'handler.ts');
      fn = existsSync(file)
        ? import(pathToFileURL(file).href).then((m: { default?: unknown }) => (typeof m.default === 'function' ? (m.default as EdgeFunction) : undefined))
        : Promise.resolve(undefined);
      loaded.set(name, fn);
    }
    return fn;
  }

  return async (req: HttpRequest): Promise<ApiResponse> => {
    const name = /^\/([^/]+)\/?$/.exec(req.path)?.[1] ?? '';
    const fn = NAME.test(name) ? await load(name) : undefined;
    if (!fn) return json(404, { code: 'NOT_FOUND', message: 'Requested function was not found' });

    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return json(401, { code: 'UNAUTHORIZED_NO_AUTH_HEADER', message: 'Missing authorization header' });
    const check = await verify(token, ctx.jwt, FUNCTIONS_JWT);
    if (!check.ok) return json(401, { code: 'UNAUTHORIZED_INVALID_JWT_FORMAT', message: 'Invalid JWT' });

    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) headers.set(k, v);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body.length > 0;
    const request = new Request(req.url, { method: req.method, headers, ...(hasBody ? { body: new Uint8Array(req.body) } : {}) });
    const env: FunctionEnv = { supabaseUrl: ctx.config.siteUrl, anonKey: ctx.config.anonKey, serviceRoleKey: ctx.config.serviceRoleKey };
    try {
      const response = await fn(request, env);
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        out[k] = v;
      });
      return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
    } catch (e) {
      console.error(`[functions] ${name} failed`, e);
      return json(500, { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' });
    }
  };
}
