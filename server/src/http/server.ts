import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiResponse, Handler, HttpRequest, ServerContext } from './types.ts';
import { json } from './types.ts';
import { apiKeyJwt } from '../config.ts';

export interface Services {
  auth?: Handler;
  rest?: Handler;
  /** /functions/v1: the Edge Functions in supabase/functions. */
  functions?: Handler;
  /** Plain HTTP requests below /realtime/v1 (the broadcast API). */
  realtime?: Handler;
  /** WebSocket upgrades below /realtime/v1. */
  realtimeUpgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}

const EXPOSED_HEADERS = [
  'Content-Encoding',
  'Content-Location',
  'Content-Range',
  'Content-Type',
  'Date',
  'Location',
  'Server',
  'Transfer-Encoding',
  'Range-Unit',
  'Preference-Applied',
  'Proxy-Status',
  'X-Supabase-Api-Version',
  'x-sb-error-code',
  // GoTrue exposes these for the admin user list's pagination.
  'X-Total-Count',
  'Link',
].join(', ');

function corsHeaders(cors: ServerContext['config']['cors'], req: http.IncomingMessage): Record<string, string> {
  // Supabase's gateway: any origin may call the API, never with credentials (the API authenticates
  // with bearer tokens, not cookies).
  if (cors.origins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
  const origin = req.headers.origin;
  const allowed = origin !== undefined && cors.origins.includes(origin);
  return {
    ...(allowed ? { 'access-control-allow-origin': origin } : {}),
    ...(allowed && cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The gateway in front of the services, as the Supabase CLI's local Kong behaves. */
export function createApiServer(ctx: ServerContext, services: Services): http.Server {
  const { config } = ctx;

  async function dispatch(req: http.IncomingMessage): Promise<ApiResponse> {
    const url = new URL(req.url ?? '/', config.siteUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = flatHeaders(req);

    // A CORS preflight is answered here; a plain OPTIONS on /rest/v1 reaches PostgREST, which answers with Allow.
    const plainRestOptions = method === 'OPTIONS' && !headers['access-control-request-method'] && url.pathname.startsWith('/rest/v1');
    if (method === 'OPTIONS' && !plainRestOptions) {
      return {
        status: 200,
        headers: {
          'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD',
          'access-control-allow-headers':
            headers['access-control-request-headers'] ??
            'Authorization, Content-Type, Accept, Accept-Language, Content-Language, apikey, x-client-info, Prefer, Accept-Profile, Content-Profile, Range, X-Supabase-Api-Version',
          'access-control-max-age': '86400',
        },
        body: null,
      };
    }

    const match = /^\/(auth|rest|realtime|functions)\/v1(\/.*)?$/.exec(url.pathname);
    const service = match?.[1];
    const handler =
      service === 'auth'
        ? services.auth
        : service === 'rest'
          ? services.rest
          : service === 'realtime'
            ? services.realtime
            : service === 'functions'
              ? services.functions
              : undefined;
    if (!match || !handler) {
      if (url.pathname === '/' || url.pathname === '/health') return json(200, { status: 'ok' });
      return json(404, { message: 'no Route matched with those values' });
    }

    const apikey = headers.apikey ?? url.searchParams.get('apikey') ?? undefined;
    const authOpen = service === 'auth' && /^\/(verify|callback|authorize|\.well-known\/jwks\.json|health)$/.test(match[2] ?? '');
    const apikeyJwt = apikey === undefined ? undefined : apiKeyJwt(config, apikey);
    if (config.requireApiKey && !authOpen) {
      if (!apikey) return json(401, { message: 'No API key found in request' });
      if (!apikeyJwt) return json(401, { message: 'Invalid API key' });
    }
    // Kong's key-auth hides the credential from PostgREST, which would read `apikey` as a filter.
    if (service === 'rest' && url.searchParams.has('apikey')) url.searchParams.delete('apikey');
    // Kong adds the key as the bearer when the client sent none, and puts the anon or service_role
    // JWT in place of an opaque `sb_` key sent as bearer; a bare request runs as anon.
    const bearerKey = /^Bearer (sb_\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!headers.authorization || bearerKey !== undefined) {
      const jwt = apikeyJwt ?? (bearerKey === undefined ? undefined : apiKeyJwt(config, bearerKey));
      headers.authorization = `Bearer ${jwt ?? (bearerKey === undefined ? config.anonKey : bearerKey)}`;
    }

    let body: Buffer;
    try {
      body = await readBody(req, config.maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        return json(413, { code: 'PGRST413', message: 'Request body too large', details: `The limit is ${config.maxBodyBytes} bytes`, hint: null });
      }
      throw e;
    }

    const httpRequest: HttpRequest = {
      method,
      url,
      headers,
      body,
      path: match[2] ?? '/',
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    return handler(httpRequest);
  }

  const server = http.createServer((req, res) => {
    const started = performance.now();
    dispatch(req)
      .catch((e: unknown) => {
        console.error('[api] unhandled error', e);
        return json(500, { code: 'XX000', message: 'Internal server error', details: null, hint: null });
      })
      .then((out) => {
        const headers = { ...corsHeaders(config.cors, req), ...(out.headers ?? {}) };
        res.writeHead(out.status, headers);
        res.end(req.method === 'HEAD' ? undefined : (out.body ?? undefined));
        if (config.logRequests) {
          console.log(`[api] ${req.method} ${req.url} ${out.status} ${(performance.now() - started).toFixed(1)}ms`);
        }
      });
  });
  server.keepAliveTimeout = 65_000;
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', config.siteUrl);
    if (url.pathname.startsWith('/realtime/v1') && services.realtimeUpgrade) {
      services.realtimeUpgrade(req, socket, head);
    } else {
      socket.destroy();
    }
  });
  return server;
}
