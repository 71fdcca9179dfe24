/**
 * GoTrue's /verify: the link in an email (GET, answered with a redirect that carries the session
 * in the URL fragment, or a PKCE code in the query) and the code or token hash an app posts (POST,
 * answered with the session). Tokens are single-use and expire after the configured OTP expiry.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { audit } from './audit.ts';
import { type AuthDeps, grantParams, requestAud, requestIp, signingConfig } from './context.ts';
import { AuthHttpError, badRequest, forbidden, jsonResponse, unprocessable } from './errors.ts';
import { clearTokens, PKCE_PREFIX, tokenHash } from './one-time-tokens.ts';
import { hashPassword } from './passwords.ts';
import { issueAuthCode } from './pkce.ts';
import { referrer } from './redirect.ts';
import { grantSession } from './sessions.ts';
import {
  confirmEmail,
  findIdentity,
  findUserById,
  identityData,
  insertIdentity,
  type LoadedUser,
  syncProviders,
  updateIdentityData,
} from './users.ts';
import { NIL_UUID, parseBody, validateEmail, validatePhone, verifyBody } from './validation.ts';

export type EmailVerificationType = 'signup' | 'invite' | 'recovery' | 'magiclink' | 'email_change' | 'email';
const EMAIL_TYPES = new Set<string>(['signup', 'invite', 'recovery', 'magiclink', 'email_change', 'email']);
const PHONE_TYPES = new Set<string>(['sms', 'phone_change']);

/** Which token columns a verification type looks in, each with its sent-at column and the type it confirms. */
const TOKEN_SLOTS: Record<EmailVerificationType, { column: string; sentAt: string; as: EmailVerificationType }[]> = {
  signup: [{ column: 'confirmation_token', sentAt: 'confirmation_sent_at', as: 'signup' }],
  invite: [{ column: 'confirmation_token', sentAt: 'confirmation_sent_at', as: 'invite' }],
  recovery: [{ column: 'recovery_token', sentAt: 'recovery_sent_at', as: 'recovery' }],
  magiclink: [{ column: 'recovery_token', sentAt: 'recovery_sent_at', as: 'magiclink' }],
  email_change: [
    { column: 'email_change_token_current', sentAt: 'email_change_sent_at', as: 'email_change' },
    { column: 'email_change_token_new', sentAt: 'email_change_sent_at', as: 'email_change' },
  ],
  // An email code confirms a sign-up or signs in with a magic link, whichever it was sent for.
  email: [
    { column: 'confirmation_token', sentAt: 'confirmation_sent_at', as: 'signup' },
    { column: 'recovery_token', sentAt: 'recovery_sent_at', as: 'magiclink' },
  ],
};

const LINK_INVALID = 'Email link is invalid or has expired';
const CODE_INVALID = 'Token has expired or is invalid';
export const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

interface Match {
  user: LoadedUser;
  /** The type after resolving `email` to `signup` or `magiclink`. */
  type: EmailVerificationType;
  /** The stored hash that matched (with its PKCE prefix, if any). */
  stored: string;
  column: string;
}

/**
 * Finds the user whose stored token for `type` is `hash` (or its PKCE form) and checks expiry and
 * bans. `byEmail`: a code typed with the address, looked up by address (and audience) first.
 */
async function findToken(
  deps: AuthDeps,
  q: Queryable,
  type: EmailVerificationType,
  hash: string,
  byEmail?: { email: string; aud: string },
): Promise<Match> {
  const slots = TOKEN_SLOTS[type];
  const invalid = byEmail ? CODE_INVALID : LINK_INVALID;
  const matchSql = (column: string) => `(u.${column} = $1 or u.${column} = '${PKCE_PREFIX}' || $1)`;
  const where = byEmail
    ? type === 'email_change'
      ? `u.aud = $3 and ((lower(u.email) = $2 and ${matchSql('email_change_token_current')}) or (lower(u.email_change) = $2 and ${matchSql('email_change_token_new')}))`
      : `u.aud = $3 and lower(u.email) = $2 and u.is_sso_user = false`
    : `(${slots.map((s) => matchSql(s.column)).join(' or ')})`;
  const params: unknown[] = [hash];
  if (byEmail) params.push(byEmail.email, byEmail.aud);
  const { rows } = await q.query<Record<string, unknown> & { id: string }>(
    `select u.id, $1::text as presented, ${slots
      .map((s, i) => `u.${s.column} as t${i}, (u.${s.sentAt} is null or u.${s.sentAt} + make_interval(secs => ${Number(deps.ctx.config.auth.email.otpExpirySec)}) < now()) as x${i}`)
      .join(', ')}
       from auth.users u where u.instance_id = '${NIL_UUID}' and ${where} limit 1`,
    params,
  );
  const row = rows[0];
  if (!row) throw forbidden('otp_expired', invalid);
  const user = (await findUserById(q, row.id))!;
  if (user.row.banned) throw forbidden('user_banned', 'User is banned');
  const slot = slots.findIndex((_, i) => {
    const stored = row[`t${i}`];
    return typeof stored === 'string' && stored !== '' && (stored === hash || stored === PKCE_PREFIX + hash);
  });
  if (slot < 0 || row[`x${slot}`] === true) throw forbidden('otp_expired', invalid);
  return { user, type: slots[slot]!.as, stored: row[`t${slot}`] as string, column: slots[slot]!.column };
}

/** GoTrue's signupVerify: an invited user without a password gets an unusable random one; the address is confirmed. */
async function signupVerify(deps: AuthDeps, req: HttpRequest, q: Queryable, user: LoadedUser): Promise<void> {
  const { row } = user;
  if (!row.encrypted_password && row.invited_at) {
    const hash = await hashPassword(randomBytes(48).toString('base64url').slice(0, 64));
    await q.query('update auth.users set encrypted_password = $2, updated_at = now() where id = $1', [row.id, hash]);
  }
  await audit(q, { id: row.id, email: row.email }, 'user_signedup', requestIp(deps, req));
  await confirmEmail(q, row.id);
  for (const identity of user.identities) {
    if (identity.email && row.email && identity.email === row.email) await updateIdentityData(q, identity.id, { email_verified: true });
  }
}

/** GoTrue's recoverVerify: the recovery token is spent; an unconfirmed user is confirmed by it. */
async function recoverVerify(deps: AuthDeps, req: HttpRequest, q: Queryable, user: LoadedUser): Promise<void> {
  const { row } = user;
  await clearTokens(q, row.id, 'recovery_token');
  if (!row.email_confirmed_at) {
    await audit(q, { id: row.id, email: row.email }, 'user_signedup', requestIp(deps, req));
    await confirmEmail(q, row.id);
  } else {
    await audit(q, { id: row.id, email: row.email }, 'login', requestIp(deps, req));
  }
}

/**
 * GoTrue's emailChangeVerify. With double confirmation (and confirmations on), the first of the two
 * links only records itself and answers `single`; the second, or the only one, moves the address.
 */
async function emailChangeVerify(deps: AuthDeps, req: HttpRequest, q: Queryable, user: LoadedUser, column: string): Promise<'single' | 'done'> {
  const { auth } = deps.ctx.config;
  const { rows } = await q.query<{ status: number }>('select email_change_confirm_status as status from auth.users where id = $1', [user.row.id]);
  if (!auth.autoconfirm && auth.email.doubleConfirmChanges && rows[0]?.status === 0 && user.row.email) {
    const kind = column === 'email_change_token_current' ? 'email_change_token_current' : 'email_change_token_new';
    await q.query('update auth.users set email_change_confirm_status = 1, updated_at = now() where id = $1', [user.row.id]);
    await clearTokens(q, user.row.id, kind);
    return 'single';
  }
  await changeEmailNow(deps, req, q, user);
  return 'done';
}

/** GoTrue's ConfirmEmailChange: the pending address becomes the user's (and their email identity's). */
export async function changeEmailNow(deps: AuthDeps, req: HttpRequest, q: Queryable, user: LoadedUser): Promise<void> {
  const { row } = user;
  const { rows } = await q.query<{ email: string }>('select email_change as email from auth.users where id = $1', [row.id]);
  const email = rows[0]?.email ?? '';
  await audit(q, { id: row.id, email: row.email, phone: row.phone }, 'user_modified', requestIp(deps, req));
  const identity = await findIdentity(q, row.id, 'email');
  if (identity) await updateIdentityData(q, identity.id, { email, email_verified: true });
  else await insertIdentity(q, row.id, 'email', identityData(row.id, { email }, { email: true, phone: false }));
  await q.query(
    `update auth.users set email = $2, email_change = '', email_change_token_current = '', email_change_token_new = '',
       email_change_confirm_status = 0, is_anonymous = false, updated_at = now() where id = $1`,
    [row.id, email],
  );
  await clearTokens(q, row.id);
  if (!row.email_confirmed_at) await confirmEmail(q, row.id);
}

type Outcome = { kind: 'session'; session: Record<string, unknown> } | { kind: 'code'; code: string } | { kind: 'single' };

/** Applies a matched token: confirm, recover or change email, then sign the user in (or hand out a PKCE code). */
async function complete(deps: AuthDeps, req: HttpRequest, q: Queryable, match: Match, pkce: boolean): Promise<Outcome> {
  const { user } = match;
  switch (match.type) {
    case 'signup':
    case 'invite':
      await signupVerify(deps, req, q, user);
      break;
    case 'recovery':
    case 'magiclink':
      await recoverVerify(deps, req, q, user);
      break;
    case 'email_change':
      if ((await emailChangeVerify(deps, req, q, user, match.column)) === 'single') return { kind: 'single' };
      break;
    default:
      throw badRequest('validation_failed', 'Unsupported verification type');
  }
  await syncProviders(q, user.row.id);
  if (pkce) return { kind: 'code', code: await issueAuthCode(q, user.row.id, match.type) };
  return { kind: 'session', session: await grantSession(q, user.row.id, 'otp', grantParams(deps, req), signingConfig(deps)) };
}

/** GoTrue's AsRedirectURL: the session in the fragment, keys sorted as Go's url.Values encodes them. */
function sessionFragment(session: Record<string, unknown>, type: string): string {
  const values = new URLSearchParams({
    access_token: String(session.access_token),
    expires_at: String(session.expires_at),
    expires_in: String(session.expires_in),
    refresh_token: String(session.refresh_token),
    token_type: String(session.token_type),
    type,
  });
  return values.toString();
}

/** GoTrue's oauthErrorMap: the OAuth `error` for an HTTP status. */
const OAUTH_ERRORS: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error', 503: 'temporarily_unavailable' };

/**
 * The redirect URL with `query` merged into its query string and its fragment replaced by
 * `fragment`, written as Go's url.URL.String() writes it (no normalisation, keys sorted).
 */
function withParams(url: string, fragment: URLSearchParams | undefined, query?: Record<string, string>): string {
  const hashAt = url.indexOf('#');
  let base = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const oldFragment = hashAt >= 0 ? url.slice(hashAt) : '';
  if (query) {
    const queryAt = base.indexOf('?');
    const params = new URLSearchParams(queryAt >= 0 ? base.slice(queryAt + 1) : '');
    for (const [k, v] of Object.entries(query)) params.set(k, v);
    params.sort();
    base = `${queryAt >= 0 ? base.slice(0, queryAt) : base}?${params.toString()}`;
  }
  return fragment ? `${base}#${fragment.toString()}` : `${base}${oldFragment}`;
}

/** GoTrue's prepErrorRedirectURL: the error in the fragment, and for PKCE in the query as well. */
function errorRedirect(url: string, e: AuthHttpError, pkce: boolean): string {
  const values: Record<string, string> = {};
  if (OAUTH_ERRORS[e.status]) values.error = OAUTH_ERRORS[e.status]!;
  values.error_code = e.code;
  values.error_description = e.message;
  return withParams(url, new URLSearchParams(values), pkce ? values : undefined);
}

const redirect = (location: string): ApiResponse => ({ status: 303, headers: { location }, body: null });

/** GET /verify?token=…&type=…&redirect_to=…: the link in an email. */
export async function verifyGet(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const q = req.url.searchParams;
  const type = q.get('type') ?? '';
  const token = q.get('token') ?? '';
  if (type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
  if (token === '') throw badRequest('validation_failed', 'Verify requires a token or a token hash');
  const redirectTo = referrer(deps.ctx.config.auth, req);
  const pkce = token.startsWith(PKCE_PREFIX);
  let outcome: Outcome;
  try {
    if (!EMAIL_TYPES.has(type) || type === 'email') throw badRequest('validation_failed', 'Invalid email verification type');
    const hash = pkce ? token.slice(PKCE_PREFIX.length) : token;
    outcome = await deps.ctx.db.transaction(async (tx) => complete(deps, req, tx, await findToken(deps, tx, type as EmailVerificationType, hash), pkce));
  } catch (e) {
    if (e instanceof AuthHttpError) return redirect(errorRedirect(redirectTo, e, pkce));
    throw e;
  }
  if (outcome.kind === 'single') {
    const message = new URLSearchParams({ message: SINGLE_CONFIRMATION });
    return redirect(withParams(redirectTo, message, pkce ? { message: SINGLE_CONFIRMATION } : undefined));
  }
  if (outcome.kind === 'code') return redirect(withParams(redirectTo, undefined, { code: outcome.code }));
  return redirect(`${redirectTo}#${sessionFragment(outcome.session, type)}`);
}

/** POST /verify {type, token_hash} or {type, token, email}: a code or token hash from the app. */
export async function verifyPost(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, verifyBody);
  const type = body.type ?? '';
  const token = body.token ?? '';
  const hashGiven = body.token_hash ?? '';
  let email = body.email ?? '';
  const phone = body.phone ?? '';
  if (type === '') throw badRequest('validation_failed', 'Verify requires a verification type');
  if ((token === '') === (hashGiven === '')) throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
  let hash = hashGiven;
  if (token !== '') {
    if (phone !== '' && email === '') {
      validatePhone(phone);
      // Phone sign-in is off (the CLI's default): no user can hold a phone code.
      throw forbidden('otp_expired', CODE_INVALID);
    }
    if (email === '' || phone !== '') throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify');
    try {
      email = validateEmail(email);
    } catch {
      throw unprocessable('validation_failed', 'Invalid email format');
    }
    hash = tokenHash(email, token.replace(/-/g, ''));
  } else if (email !== '' || phone !== '' || (body.redirect_to ?? '') !== '') {
    throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
  }
  if (PHONE_TYPES.has(type)) throw forbidden('otp_expired', CODE_INVALID);
  if (!EMAIL_TYPES.has(type)) throw badRequest('validation_failed', 'Invalid email verification type');

  const outcome = await deps.ctx.db.transaction(async (tx) => {
    const match = await findToken(deps, tx, type as EmailVerificationType, hash, token !== '' ? { email, aud: requestAud(req) } : undefined);
    return complete(deps, req, tx, match, false);
  });
  if (outcome.kind === 'single') return jsonResponse(200, { msg: SINGLE_CONFIRMATION, code: '200' });
  if (outcome.kind === 'code') throw badRequest('validation_failed', 'Unsupported verification type');
  return jsonResponse(200, outcome.session);
}
