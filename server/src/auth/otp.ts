/**
 * The email-sending endpoints: /otp and /magiclink (sign in by link or code), /recover (password
 * reset), /resend (confirmation or email-change mail again) and /reauthenticate (a code for a
 * sensitive change). As GoTrue, the answers never reveal whether an address is registered.
 */
import { randomBytes } from 'node:crypto';
import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { audit } from './audit.ts';
import { type Authenticated, type AuthDeps, requestAud, requestIp } from './context.ts';
import { sendConfirmation, sendEmailChange, sendMagicLink, sendReauthentication, sendRecovery } from './email-actions.ts';
import { badRequest, jsonResponse, unprocessable } from './errors.ts';
import { deliver } from './mailer.ts';
import { createFlowState, type PkceParams, pkceParams } from './pkce.ts';
import { signUpWithEmail } from './signup.ts';
import { findUserByEmail, type LoadedUser } from './users.ts';
import { otpBody, parseBody, recoverBody, resendBody, validateEmail, validatePhone } from './validation.ts';

const ok = (): ApiResponse => jsonResponse(200, {});

/** POST /otp: a magic link and code by email; phone sign-in is off, as in the CLI's default config. */
export async function otp(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, otpBody);
  const email = body.email ?? '';
  const phone = body.phone ?? '';
  if (email !== '' && phone !== '') throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
  if (email !== '' && (body.channel ?? '') !== '') throw badRequest('validation_failed', 'Channel should only be specified with Phone OTP');
  const pkce = pkceParams(body.code_challenge, body.code_challenge_method);
  const createUser = body.create_user ?? true;
  if (!createUser && (email !== '' || phone !== '')) {
    const aud = requestAud(req);
    const exists = email !== '' ? await findUserByEmail(deps.ctx.db, validateEmail(email), aud) : (validatePhone(phone), undefined);
    if (!exists) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
  }
  if (email !== '') return magicLinkFor(deps, req, validateEmail(email), body.data ?? {}, pkce);
  if (phone !== '') throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  throw badRequest('validation_failed', 'One of email or phone must be set');
}

/** POST /magiclink: the older entry point, email only. */
export async function magicLink(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, otpBody);
  if (!body.email) throw unprocessable('validation_failed', 'Password recovery requires an email');
  return magicLinkFor(deps, req, validateEmail(body.email), body.data ?? {}, pkceParams(body.code_challenge, body.code_challenge_method));
}

/**
 * GoTrue's MagicLink: an unknown or unconfirmed address is signed up first (with an unusable
 * password); with confirmations on, that sign-up's confirmation email is the link.
 */
async function magicLinkFor(deps: AuthDeps, req: HttpRequest, email: string, data: Record<string, unknown>, pkce: PkceParams | undefined): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  let user = await findUserByEmail(db, email, requestAud(req));
  if (!user || !user.row.email_confirmed_at) {
    if (config.auth.disableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
    const password = randomBytes(48).toString('base64url').slice(0, 64);
    await signUpWithEmail(deps, req, { email, password, data, pkce });
    if (!config.auth.autoconfirm) return ok();
    user = (await findUserByEmail(db, email, requestAud(req)))!;
  }
  const target: LoadedUser = user;
  const pending = await db.transaction(async (tx) => {
    await audit(tx, { id: target.row.id, email: target.row.email }, 'user_recovery_requested', requestIp(deps, req));
    if (pkce) await createFlowState(tx, target.row.id, 'magiclink', pkce);
    return sendMagicLink(deps, req, tx, target.row, { pkce: !!pkce });
  });
  deliver(deps, [pending]);
  return ok();
}

/** POST /recover: a password-reset email; an unknown address is answered the same way. */
export async function recover(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, recoverBody);
  if (!body.email) throw badRequest('validation_failed', 'Password recovery requires an email');
  const email = validateEmail(body.email);
  const pkce = pkceParams(body.code_challenge, body.code_challenge_method);
  const { db } = deps.ctx;
  const user = await findUserByEmail(db, email, requestAud(req));
  if (!user) return ok();
  const pending = await db.transaction(async (tx) => {
    if (pkce) await createFlowState(tx, user.row.id, 'recovery', pkce);
    await audit(tx, { id: user.row.id, email: user.row.email }, 'user_recovery_requested', requestIp(deps, req));
    return sendRecovery(deps, req, tx, user.row, { pkce: !!pkce });
  });
  deliver(deps, [pending]);
  return ok();
}

/** POST /resend {type: signup | email_change, email}. */
export async function resend(deps: AuthDeps, req: HttpRequest): Promise<ApiResponse> {
  const body = parseBody(req, resendBody);
  const type = body.type ?? '';
  const email = body.email ?? '';
  const phone = body.phone ?? '';
  if (!['signup', 'email_change', 'sms', 'phone_change'].includes(type)) {
    throw badRequest('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
  }
  if (email === '' && type === 'signup') throw badRequest('validation_failed', 'Type provided requires an email address');
  if (phone === '' && type === 'sms') throw badRequest('validation_failed', 'Type provided requires a phone number');
  if (email !== '' && phone !== '') throw badRequest('validation_failed', 'Only an email address or phone number should be provided.');
  if (phone !== '') throw badRequest('phone_provider_disabled', 'Phone logins are disabled');
  if (email === '') throw badRequest('validation_failed', 'Missing email address or phone number');
  const { db } = deps.ctx;
  const user = await findUserByEmail(db, validateEmail(email), requestAud(req));
  if (!user) return ok();
  if (type === 'signup' && user.row.email_confirmed_at) return ok();
  if (type === 'email_change' && !user.row.email_change) return ok();
  if (type === 'sms' || type === 'phone_change') return ok();
  const pending = await db.transaction(async (tx) => {
    if (type === 'signup') {
      await audit(tx, { id: user.row.id, email: user.row.email }, 'user_confirmation_requested', requestIp(deps, req));
      return [await sendConfirmation(deps, req, tx, user.row)];
    }
    return sendEmailChange(deps, req, tx, user.row, user.row.email_change!);
  });
  deliver(deps, pending);
  return ok();
}

/** GET /reauthenticate: a code to the user's address, spent as the `nonce` of a password change. */
export async function reauthenticate(deps: AuthDeps, req: HttpRequest, auth: Authenticated): Promise<ApiResponse> {
  const { row } = auth.user;
  if (!row.email && !row.phone) throw badRequest('validation_failed', 'Reauthentication requires the user to have an email or a phone number');
  if (!row.email) throw badRequest('phone_provider_disabled', 'Phone logins are disabled');
  if (!row.email_confirmed_at) throw unprocessable('email_not_confirmed', 'Please verify your email first.');
  const pending = await deps.ctx.db.transaction(async (tx) => {
    await audit(tx, { id: row.id, email: row.email }, 'user_reauthenticate_requested', requestIp(deps, req));
    return sendReauthentication(deps, req, tx, row);
  });
  deliver(deps, [pending]);
  return ok();
}
