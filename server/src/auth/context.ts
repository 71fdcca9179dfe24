import { isIP } from 'node:net';
import type { HttpRequest, ServerContext } from '../http/types.ts';
import type { Queryable } from '../db/types.ts';
import type { Mailbox } from '../mail/catcher.ts';
import type { ServerConfig } from '../config.ts';
import { forbidden, tooManyRequests, unauthorized } from './errors.ts';
import { varchar255 } from './validation.ts';
import type { GrantParams, SigningConfig } from './sessions.ts';
import { sessionExists } from './sessions.ts';
import { sessionIdOf, subjectOf, verifyBearer, type BearerClaims } from './tokens.ts';
import { findUserById, type LoadedUser } from './users.ts';
import { TokenBucketLimiter } from './rate-limit.ts';

/** What every auth route needs: the server context and the rate limiters. */
export interface AuthDeps {
  ctx: ServerContext;
  /** Where auth emails go (the local mail catcher). */
  mailbox: Mailbox;
  /** Requests per client address, one bucket set per endpoint group as GoTrue has. */
  limiters: Record<LimitedEndpoint, TokenBucketLimiter>;
  /** Failed password sign-ins per account (audience and address). */
  accountLimiter: TokenBucketLimiter;
}

export type LimitedEndpoint =
  | 'token'
  | 'verify'
  | 'signup'
  | 'anonymous'
  | 'otp'
  | 'magiclink'
  | 'recover'
  | 'resend'
  | 'user'
  | 'factorChallenge'
  | 'factorVerify';

/** The per-address rate limits GoTrue's limiter options set up, from [auth.rate_limit]. */
export function createLimiters(limits: ServerConfig['auth']['rateLimit']): Record<LimitedEndpoint, TokenBucketLimiter> {
  const per5m = (n: number) => new TokenBucketLimiter(limits.burst, n, limits.windowMs);
  const perMinute = (n: number) => new TokenBucketLimiter(limits.burst, n, 60_000);
  return {
    token: per5m(limits.tokenRefresh),
    verify: per5m(limits.tokenVerifications),
    signup: per5m(limits.signInSignUps),
    otp: per5m(limits.signInSignUps),
    magiclink: per5m(limits.signInSignUps),
    recover: per5m(limits.signInSignUps),
    resend: per5m(limits.signInSignUps),
    user: per5m(limits.signInSignUps),
    // Anonymous sign-ins are counted per hour, and may all come at once.
    anonymous: new TokenBucketLimiter(limits.anonymousUsers, limits.anonymousUsers, 60 * 60_000),
    factorChallenge: perMinute(limits.mfaChallengeAndVerify),
    factorVerify: perMinute(limits.mfaChallengeAndVerify),
  };
}

/** GoTrue's limitHandler: 429 once the client address has used up the endpoint's allowance. */
export function rateLimit(deps: AuthDeps, req: HttpRequest, endpoint: LimitedEndpoint): void {
  if (!deps.limiters[endpoint].take(requestIp(deps, req))) throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
}

/** GoTrue's default audience (GOTRUE_JWT_AUD) and default role (GOTRUE_JWT_DEFAULT_GROUP_NAME). */
export const DEFAULT_AUD = 'authenticated';
export const DEFAULT_ROLE = 'authenticated';
/** GOTRUE_JWT_ADMIN_ROLES as the Supabase CLI sets them. */
export const ADMIN_ROLES = ['service_role', 'supabase_admin'];
/** GoTrue's minimum gap between two confirmation or email-change mails (SMTP max frequency). */
export const EMAIL_MAX_FREQUENCY_SECONDS = 60;

export function signingConfig(deps: AuthDeps): SigningConfig {
  const { config } = deps.ctx;
  // Read on each use: a stack started on port 0 learns its URL only after listening.
  return { issuer: `${config.siteUrl}/auth/v1`, keys: deps.ctx.jwt, expiresIn: config.jwtExpiry };
}

/**
 * The client's address: the first entry of the configured trusted header when the request has it
 * (a proxy appends the address it saw), else the socket's peer.
 */
export function clientIp(req: HttpRequest, header: string | undefined): string {
  const forwarded = header ? req.headers[header.toLowerCase()]?.split(',')[0]?.trim() : undefined;
  return forwarded || req.remoteAddress.replace(/^::ffff:/, '');
}

export function grantParams(deps: AuthDeps, req: HttpRequest): GrantParams {
  const ip = requestIp(deps, req);
  // auth.sessions.ip is inet: a forwarded value that is no address is not recorded.
  return { userAgent: req.headers['user-agent'] ?? '', ip: isIP(ip) ? ip : '' };
}

export const requestIp = (deps: AuthDeps, req: HttpRequest): string => clientIp(req, deps.ctx.config.auth.clientAddressHeader);

/** GoTrue's requestAud: the X-JWT-AUD header, else the bearer's `aud`, else the default audience. */
export function requestAud(req: HttpRequest, claims?: BearerClaims): string {
  const header = req.headers['x-jwt-aud'];
  if (header) return varchar255(header, 'The audience (X-JWT-AUD)');
  const aud = Array.isArray(claims?.aud) ? claims.aud[0] : claims?.aud;
  return typeof aud === 'string' && aud !== '' ? aud : DEFAULT_AUD;
}

/** GoTrue's extractBearerToken: `Bearer <token>` or `bearer <token>`. */
export function bearerToken(req: HttpRequest): string {
  const match = /^[Bb]earer (\S+)$/.exec(req.headers.authorization ?? '');
  if (!match) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');
  return match[1]!;
}

export interface Authenticated {
  claims: BearerClaims;
  user: LoadedUser;
  sessionId: string | undefined;
}

/** GoTrue's requireAuthentication: a valid token, its user, and its session when it names one. */
export async function authenticate(deps: AuthDeps, req: HttpRequest, q: Queryable = deps.ctx.db): Promise<Authenticated> {
  const claims = await verifyBearer(bearerToken(req), deps.ctx.jwt);
  const userId = subjectOf(claims);
  const user = await findUserById(q, userId);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  const sessionId = sessionIdOf(claims);
  if (sessionId && !(await sessionExists(q, sessionId))) {
    throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  return { claims, user, sessionId };
}

/** GoTrue's requireAdminCredentials: a valid token whose role is an admin role. */
export async function requireAdmin(deps: AuthDeps, req: HttpRequest): Promise<BearerClaims> {
  const claims = await verifyBearer(bearerToken(req), deps.ctx.jwt);
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) {
    throw forbidden('not_admin', 'User not allowed');
  }
  return claims;
}
