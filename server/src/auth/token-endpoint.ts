import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { audit } from './audit.ts';
import { type AuthDeps, grantParams, rateLimit, requestAud, requestIp, signingConfig } from './context.ts';
import { type AuthHttpError, badRequest, jsonResponse, notFound as notFoundError, OAuthError, tooManyRequests, unprocessable, WeakPasswordError } from './errors.ts';
import { checkPasswordStrength, verifyPassword } from './passwords.ts';
import {
  activeRefreshToken,
  findRefreshToken,
  sessionExists,
  grantSession,
  swapRefreshToken,
  tokenResponse,
  touchSession,
} from './sessions.ts';
import { findUserByEmail, findUserById } from './users.ts';
import { idTokenGrantBody, parseBody, passwordGrantBody, pkceGrantBody, refreshGrantBody } from './validation.ts';
import { redeemAuthCode } from './pkce.ts';

/** POST /token?grant_type=…: GoTrue's Token endpoint, rate limited per client IP. */
export async function token(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const grantType = req.url.searchParams.get('grant_type') ?? '';
  const handler = GRANTS[grantType];
  if (!handler) throw badRequest('invalid_credentials', 'unsupported_grant_type');
  rateLimit(deps, req, 'token');
  return handler(deps, req);
}

const INVALID_LOGIN = 'Invalid login credentials';

/** The issuers GoTrue names for its built-in OIDC providers (internal/api/provider). */
const OIDC_ISSUERS: Record<string, string> = {
  apple: 'https://appleid.apple.com',
  google: 'https://accounts.google.com',
  facebook: 'https://www.facebook.com',
  kakao: 'https://kauth.kakao.com',
  linkedin_oidc: 'https://www.linkedin.com/oauth',
};

/**
 * grant_type=id_token: signing in with an OIDC provider's ID token. Every external provider is off
 * in this server's config, so after GoTrue's own parameter checks the answer is that the provider
 * is not enabled.
 */
async function idTokenGrant(_deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, idTokenGrantBody);
  if (!body.id_token) throw new OAuthError('invalid request', 'id_token required');
  const provider = body.provider ?? '';
  if (provider === '' && (!body.client_id || !body.issuer)) throw new OAuthError('invalid request', 'provider or client_id and issuer required');
  const issuer = OIDC_ISSUERS[provider];
  if (issuer) throw badRequest('provider_disabled', `Provider (issuer ${JSON.stringify(issuer)}) is not enabled`);
  throw badRequest('provider_disabled', `Custom OIDC provider ${JSON.stringify(provider || body.issuer)} not allowed`);
}

/** grant_type=web3: Sign in with Solana or Ethereum, off as in the Supabase CLI's default config. */
async function web3Grant(): Promise<ApiResponse> {
  throw unprocessable('web3_provider_disabled', 'Web3 provider is disabled');
}

async function passwordGrant(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  const body = parseBody(req, passwordGrantBody);
  const email = body.email ?? '';
  const phone = body.phone ?? '';
  const password = body.password ?? '';
  if (email !== '' && phone !== '') {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  }
  // Phone logins are off in the Supabase CLI's default config.
  if (email === '' && phone !== '') throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (email === '') throw badRequest('validation_failed', 'missing email or phone');

  const aud = requestAud(req);
  // Guessing one account's password from many addresses meets this limit before any hashing.
  // Each attempt takes from the account's allowance up front, so concurrent guesses count too;
  // a correct password gives the allowance back in full.
  const account = `${aud}\u0000${email.toLowerCase()}`;
  if (!deps.accountLimiter.take(account)) {
    throw tooManyRequests('over_request_rate_limit', 'Too many failed sign-in attempts for this account, please try again later');
  }
  const user = await findUserByEmail(db, email, aud);
  if (!user || !user.row.encrypted_password) throw badRequest('invalid_credentials', INVALID_LOGIN);
  if (user.row.banned) throw badRequest('user_banned', 'User is banned');
  const valid = await verifyPassword(password, user.row.encrypted_password);
  if (valid) deps.accountLimiter.reset(account);
  let weakPassword: WeakPasswordError | undefined;
  if (valid) {
    try {
      checkPasswordStrength(password, config.auth.minPasswordLength);
    } catch (e) {
      if (e instanceof WeakPasswordError) weakPassword = e;
    }
  }
  if (!valid) throw badRequest('invalid_credentials', INVALID_LOGIN);
  if (!user.row.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');

  const signing = signingConfig(deps);
  const session = await db.transaction(async (tx) => {
    await audit(tx, { id: user.row.id, email: user.row.email, isSsoUser: user.row.is_sso_user }, 'login', requestIp(deps, req), { provider: 'email' });
    return grantSession(tx, user.row.id, 'password', grantParams(deps, req), signing);
  });
  if (weakPassword) session.weak_password = { message: weakPassword.message, reasons: weakPassword.reasons };
  return jsonResponse(200, session);
}

/** An error answered after the transaction commits its work (GoTrue's storage.NewCommitWithError). */
type Outcome = { session: Record<string, unknown> } | { failure: AuthHttpError };

/**
 * Refresh token rotation as GoTrue 2.18x does it for its 12-character tokens: each use revokes
 * the token and issues a child in the same session; re-presenting the parent of the active token
 * returns that active token again; any other revoked token is accepted only within the reuse
 * interval, after which the session ends.
 */
async function refreshTokenGrant(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  const body = parseBody(req, refreshGrantBody);
  const presented = body.refresh_token ?? '';
  if (presented === '') throw new OAuthError('invalid_request', 'refresh_token required');
  const notFound = badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  if (presented.length !== 12) throw notFound;

  const signing = signingConfig(deps);
  const reuseInterval = config.auth.refreshTokenReuseIntervalSec;
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const token = await findRefreshToken(tx, presented);
    if (!token) throw notFound;
    const user = await findUserById(tx, token.user_id);
    if (!user) throw notFound;
    if (user.row.banned) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    if (!token.session_id || !(await sessionExists(tx, token.session_id))) {
      await tx.query('delete from auth.refresh_tokens where id = $1', [token.id]);
      return { failure: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') };
    }
    const { rows: expired } = await tx.query('select 1 from auth.sessions where id = $1 and not_after is not null and not_after < now()', [
      token.session_id,
    ]);
    if (expired.length > 0) throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');

    let issued: string | undefined;
    if (token.revoked) {
      const active = await activeRefreshToken(tx, token.session_id);
      if (active && active.parent === token.token) {
        // The client lost the response of its last refresh; hand it the same child again.
        issued = active.token;
      } else if (token.age_seconds > reuseInterval) {
        // Reuse outside the interval means the token may have been stolen: as Supabase documents,
        // the session ends and every refresh token of its family with it. Revoking the tokens
        // alone would stamp them with a fresh revocation time and let the newest be reused
        // within the interval.
        await tx.query('delete from auth.sessions where id = $1', [token.session_id]);
        await audit(tx, { id: user.row.id, email: user.row.email, phone: user.row.phone }, 'token_revoked', requestIp(deps, req));
        return { failure: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
      }
    }
    const actor = { id: user.row.id, email: user.row.email, phone: user.row.phone };
    await audit(tx, actor, 'token_refreshed', requestIp(deps, req));
    if (issued === undefined) {
      await audit(tx, actor, 'token_revoked', requestIp(deps, req));
      issued = await swapRefreshToken(tx, token);
    }
    await touchSession(tx, token.session_id, grantParams(deps, req));
    return { session: await tokenResponse(tx, user, token.session_id, issued, signing) };
  });
  if ('failure' in outcome) throw outcome.failure;
  return jsonResponse(200, outcome.session);
}

/** grant_type=pkce: the auth code from an email link and its verifier, traded for a session. */
async function pkceGrant(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, pkceGrantBody);
  const session = await deps.ctx.db.transaction(async (tx) => {
    const flow = await redeemAuthCode(tx, body.auth_code ?? '', body.code_verifier ?? '');
    const user = await findUserById(tx, flow.userId);
    if (!user) throw notFoundError('user_not_found', 'User not found');
    await audit(tx, { id: user.row.id, email: user.row.email }, 'login', requestIp(deps, req), { provider_type: flow.method });
    return grantSession(tx, user.row.id, flow.method, grantParams(deps, req), signingConfig(deps));
  });
  return jsonResponse(200, session);
}

/** The grant types /token takes. */
const GRANTS: Partial<Record<string, (deps: AuthDeps, req: HttpRequest) => Promise<ApiResponse>>> = {
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
  pkce: pkceGrant,
  id_token: idTokenGrant,
  web3: web3Grant,
};
