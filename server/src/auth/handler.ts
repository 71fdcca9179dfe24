import type { HttpRequest, ApiResponse, Handler, ServerContext } from '../http/types.ts';
import type { Mailbox } from '../mail/catcher.ts';
import { invite } from './invite.ts';
import { generateLink } from './generate-link.ts';
import { verifyGet, verifyPost } from './verify.ts';
import { magicLink, otp, reauthenticate, recover, resend } from './otp.ts';
import { adminDeleteFactor, adminListFactors, challengeFactor, enrollFactor, unenrollFactor, verifyFactor } from './mfa.ts';
import { adminCreateUser, adminDeleteUser, adminListUsers, adminUpdateUser, loadAdminTarget } from './admin.ts';
import { getUser, logout, updateUser } from './user-endpoint.ts';
import { authenticate, type AuthDeps, createLimiters, type LimitedEndpoint, rateLimit, requireAdmin } from './context.ts';
import { badRequest, jsonResponse, notFound, renderError } from './errors.ts';
import { TokenBucketLimiter } from './rate-limit.ts';
import { loadedUserJson } from './users.ts';
import { signup } from './signup.ts';
import { token } from './token-endpoint.ts';

type Route = (deps: AuthDeps, req: HttpRequest) => Promise<ApiResponse>;
type MethodTable = Partial<Record<string, Route>>;

/** An unknown route: a JSON error auth-js can read, in the requested API version's shape. */
const routeNotFound = () => notFound('not_found', 'Not Found');

function methodNotAllowed(allowed: MethodTable): ApiResponse {
  return { status: 405, headers: { Allow: Object.keys(allowed).join(', ') }, body: null };
}

/** The settings object GoTrue's /settings returns for the Supabase CLI's defaults and this config. */
function settings(deps: AuthDeps): Record<string, unknown> {
  const { auth } = deps.ctx.config;
  const external: Record<string, boolean> = {};
  for (const provider of [
    'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab', 'google', 'keycloak', 'kakao',
    'linkedin', 'linkedin_oidc', 'nextcloud', 'notion', 'spotify', 'slack', 'slack_oidc', 'workos', 'twitch', 'twitter', 'zoom',
  ]) {
    external[provider] = false;
  }
  return {
    external: { anonymous_users: auth.anonymousSignIns, ...external, email: auth.email.enableSignup, phone: false },
    disable_signup: auth.disableSignup,
    mailer_autoconfirm: auth.autoconfirm,
    phone_autoconfirm: auth.autoconfirm,
    sms_provider: 'twilio',
    saml_enabled: false,
  };
}

/** A route behind one of GoTrue's per-address limiters. */
const limited =
  (endpoint: LimitedEndpoint, route: Route): Route =>
  (deps, req) => {
    rateLimit(deps, req, endpoint);
    return route(deps, req);
  };

/** The routes GoTrue serves, keyed by path, each with its methods. */
function routes(): Map<string, MethodTable> {
  return new Map<string, MethodTable>([
    [
      '/health',
      {
        GET: async () =>
          jsonResponse(200, { version: 'v2.180.0-duizhao', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }),
      },
    ],
    // GoTrue publishes only asymmetric keys; with the HS256 secret alone the set is empty.
    ['/.well-known/jwks.json', { GET: async () => jsonResponse(200, { keys: [] }, { 'Cache-Control': 'public, max-age=600' }) }],
    ['/settings', { GET: async (deps) => jsonResponse(200, settings(deps)) }],
    ['/signup', { POST: signup }],
    ['/invite', { POST: async (deps, req) => invite(deps, req, await requireAdmin(deps, req)) }],
    ['/verify', { GET: limited('verify', verifyGet), POST: limited('verify', verifyPost) }],
    ['/otp', { POST: limited('otp', otp) }],
    ['/magiclink', { POST: limited('magiclink', magicLink) }],
    ['/recover', { POST: limited('recover', recover) }],
    ['/resend', { POST: limited('resend', resend) }],
    ['/factors', { POST: async (deps, req) => enrollFactor(deps, req, await authenticate(deps, req)) }],
    ['/reauthenticate', { GET: async (deps, req) => reauthenticate(deps, req, await authenticate(deps, req)) }],
    ['/token', { POST: token }],
    [
      '/user',
      {
        GET: async (deps, req) => getUser(deps, req, await authenticate(deps, req)),
        PUT: async (deps, req) => {
          const auth = await authenticate(deps, req);
          rateLimit(deps, req, 'user');
          return updateUser(deps, req, auth);
        },
      },
    ],
    ['/logout', { POST: async (deps, req) => logout(deps, req, await authenticate(deps, req)) }],
    // Manual identity linking needs OAuth providers, which are all off; GoTrue answers so once the caller is signed in.
    ['/user/identities/authorize', { GET: manualLinkingDisabled }],
  ]);
}

const manualLinkingDisabled: Route = async (deps, req) => {
  await authenticate(deps, req);
  throw notFound('manual_linking_disabled', 'Manual linking is disabled');
};

const samlDisabled: Route = async () => {
  throw notFound('saml_provider_disabled', 'SAML 2.0 is disabled');
};

/** /factors/{id}, /factors/{id}/challenge and /factors/{id}/verify. */
function factorRoutes(path: string): MethodTable | undefined {
  const m = /^\/factors\/([^/]+)(\/challenge|\/verify)?$/.exec(path);
  if (!m) return undefined;
  const id = m[1]!;
  if (m[2] === '/challenge') return { POST: async (deps, req) => challengeFactor(deps, req, await authenticate(deps, req), id) };
  if (m[2] === '/verify') return { POST: async (deps, req) => verifyFactor(deps, req, await authenticate(deps, req), id) };
  return { DELETE: async (deps, req) => unenrollFactor(deps, req, await authenticate(deps, req), id) };
}

/** /admin/*: the admin check runs before routing, as GoTrue's /admin router middleware does. */
async function admin(deps: AuthDeps, req: HttpRequest, path: string): Promise<ApiResponse> {
  const claims = await requireAdmin(deps, req);
  if (path === '/admin/generate_link') {
    if (req.method !== 'POST') return methodNotAllowed({ POST: (d, r) => generateLink(d, r, claims) });
    return generateLink(deps, req, claims);
  }
  if (path === '/admin/users') {
    const table: MethodTable = {
      GET: (d, r) => adminListUsers(d, r, claims),
      POST: (d, r) => adminCreateUser(d, r, claims),
    };
    const route = table[req.method];
    return route ? route(deps, req) : methodNotAllowed(table);
  }
  const factors = /^\/admin\/users\/([^/]+)\/factors(?:\/([^/]+))?$/.exec(path);
  if (factors) {
    const id = factors[2];
    const table: MethodTable = id
      ? { DELETE: async (d) => adminDeleteFactor(d, await loadAdminTarget(d.ctx.db, factors[1]!), id) }
      : { GET: async (d) => adminListFactors(await loadAdminTarget(d.ctx.db, factors[1]!)) };
    const route = table[req.method];
    return route ? route(deps, req) : methodNotAllowed(table);
  }
  const match = /^\/admin\/users\/([^/]+)$/.exec(path);
  if (!match) throw routeNotFound();
  const table: MethodTable = {
    GET: async (d) => jsonResponse(200, loadedUserJson(await loadAdminTarget(d.ctx.db, match[1]!))),
    PUT: async (d, r) => adminUpdateUser(d, r, claims, await loadAdminTarget(d.ctx.db, match[1]!)),
    DELETE: async (d, r) => adminDeleteUser(d, r, claims, await loadAdminTarget(d.ctx.db, match[1]!)),
  };
  const route = table[req.method];
  return route ? route(deps, req) : methodNotAllowed(table);
}

/** The GoTrue-compatible service mounted at /auth/v1. */
export async function createAuthHandler(ctx: ServerContext, mailbox: Mailbox): Promise<Handler> {
  const limits = ctx.config.auth.rateLimit;
  const deps: AuthDeps = {
    ctx,
    mailbox,
    limiters: createLimiters(limits),
    accountLimiter: new TokenBucketLimiter(limits.signInFailuresPerAccount, limits.signInFailuresPerAccount, limits.windowMs),
  };
  const table = routes();
  return async (req) => {
    const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
    try {
      for (const value of req.url.searchParams.values()) {
        // Postgres keeps no NUL in text, so such a value could only fail later in the database.
        if (value.includes('\u0000')) throw badRequest('validation_failed', 'Query parameters cannot contain a NUL (\\u0000) character');
      }
      if (path === '/admin' || path.startsWith('/admin/')) return await admin(deps, req, path);
      // SAML single sign-on is off, as in the Supabase CLI's default config: every /sso and /saml route says so.
      if (/^\/(sso|saml)(\/|$)/.test(path)) return await samlDisabled(deps, req);
      const methods = table.get(path) ?? factorRoutes(path) ?? (/^\/user\/identities\/[^/]+$/.test(path) ? { DELETE: manualLinkingDisabled } : undefined);
      if (!methods) throw routeNotFound();
      const route = methods[req.method === 'HEAD' ? 'GET' : req.method];
      if (!route) return methodNotAllowed(methods);
      return await route(deps, req);
    } catch (e) {
      return renderError(e, req.headers);
    }
  };
}
