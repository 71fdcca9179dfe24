/**
 * GoTrue's send* helpers (internal/api/mail.go): each checks the per-user sending frequency,
 * makes a code, stores its hash (with the `pkce_` prefix for a PKCE flow) and returns the email to
 * deliver once the transaction commits.
 */
import type { Queryable } from '../db/types.ts';
import type { HttpRequest } from '../http/types.ts';
import type { AuthDeps } from './context.ts';
import { localeFor, type PendingEmail } from './mailer.ts';
import { checkSendFrequency, newOtp, PKCE_PREFIX, saveToken, tokenHash } from './one-time-tokens.ts';
import { referrer } from './redirect.ts';
import type { UserRow } from './users.ts';

export interface SendOptions {
  pkce?: boolean;
  /** The redirect the link carries; the request's checked `redirect_to` by default. */
  redirectTo?: string;
}

function prepare(deps: AuthDeps, req: HttpRequest, user: UserRow, options: SendOptions, address = user.email ?? '') {
  const code = newOtp(deps.ctx.config.auth.email.otpLength);
  const hash = tokenHash(address, code);
  return {
    code,
    hash,
    stored: options.pkce ? PKCE_PREFIX + hash : hash,
    redirectTo: options.redirectTo ?? referrer(deps.ctx.config.auth, req),
    locale: localeFor(req, user.raw_user_meta_data),
  };
}

const frequency = (deps: AuthDeps) => deps.ctx.config.auth.email.maxFrequencySec;

/** GoTrue's sendConfirmation: the sign-up confirmation email. */
export async function sendConfirmation(deps: AuthDeps, req: HttpRequest, q: Queryable, user: UserRow, options: SendOptions = {}): Promise<PendingEmail> {
  await checkSendFrequency(q, user.id, 'confirmation_sent_at', frequency(deps));
  const p = prepare(deps, req, user, options);
  await saveToken(q, user.id, 'confirmation_token', p.stored, user.email ?? '', 'confirmation_sent_at');
  return { action: 'signup', to: user.email ?? '', code: p.code, tokenHash: p.stored, redirectTo: p.redirectTo, email: user.email ?? '', locale: p.locale };
}

/** GoTrue's sendMagicLink: shares the recovery token and its sending clock, as upstream does. */
export async function sendMagicLink(deps: AuthDeps, req: HttpRequest, q: Queryable, user: UserRow, options: SendOptions = {}): Promise<PendingEmail> {
  await checkSendFrequency(q, user.id, 'recovery_sent_at', frequency(deps));
  const p = prepare(deps, req, user, options);
  await saveToken(q, user.id, 'recovery_token', p.stored, user.email ?? '', 'recovery_sent_at');
  return { action: 'magiclink', to: user.email ?? '', code: p.code, tokenHash: p.stored, redirectTo: p.redirectTo, email: user.email ?? '', locale: p.locale };
}

/** GoTrue's sendPasswordRecovery. */
export async function sendRecovery(deps: AuthDeps, req: HttpRequest, q: Queryable, user: UserRow, options: SendOptions = {}): Promise<PendingEmail> {
  await checkSendFrequency(q, user.id, 'recovery_sent_at', frequency(deps));
  const p = prepare(deps, req, user, options);
  await saveToken(q, user.id, 'recovery_token', p.stored, user.email ?? '', 'recovery_sent_at');
  return { action: 'recovery', to: user.email ?? '', code: p.code, tokenHash: p.stored, redirectTo: p.redirectTo, email: user.email ?? '', locale: p.locale };
}

/**
 * GoTrue's sendEmailChange: a link to the new address and, with double confirmation, another to
 * the current one; the change completes through /verify.
 */
export async function sendEmailChange(
  deps: AuthDeps,
  req: HttpRequest,
  q: Queryable,
  user: UserRow,
  newEmail: string,
  options: SendOptions = {},
): Promise<PendingEmail[]> {
  await checkSendFrequency(q, user.id, 'email_change_sent_at', frequency(deps));
  const toNew = prepare(deps, req, user, options, newEmail);
  const current = user.email ?? '';
  const both = deps.ctx.config.auth.email.doubleConfirmChanges && current !== '';
  const toCurrent = both ? prepare(deps, req, user, options, current) : undefined;
  await q.query(
    `update auth.users set email_change = $2, email_change_token_new = $3, email_change_token_current = $4,
       email_change_confirm_status = 0, email_change_sent_at = now(), updated_at = now() where id = $1`,
    [user.id, newEmail, toNew.stored, toCurrent?.stored ?? ''],
  );
  await saveToken(q, user.id, 'email_change_token_new', toNew.stored, newEmail);
  if (toCurrent) await saveToken(q, user.id, 'email_change_token_current', toCurrent.stored, current);
  const email = (to: string, p: ReturnType<typeof prepare>): PendingEmail => ({
    action: 'email_change',
    to,
    code: p.code,
    tokenHash: p.stored,
    redirectTo: p.redirectTo,
    email: current,
    newEmail,
    locale: p.locale,
  });
  return toCurrent ? [email(newEmail, toNew), email(current, toCurrent)] : [email(newEmail, toNew)];
}

/** GoTrue's sendReauthenticationOtp: a code (no link) for confirming a sensitive change. */
export async function sendReauthentication(deps: AuthDeps, req: HttpRequest, q: Queryable, user: UserRow): Promise<PendingEmail> {
  await checkSendFrequency(q, user.id, 'reauthentication_sent_at', frequency(deps));
  const p = prepare(deps, req, user, {});
  await saveToken(q, user.id, 'reauthentication_token', p.hash, user.email ?? '', 'reauthentication_sent_at');
  return { action: 'reauthentication', to: user.email ?? '', code: p.code, email: user.email ?? '', locale: p.locale };
}
