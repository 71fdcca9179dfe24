import type { HttpRequest, ApiResponse } from '../http/types.ts';
import { adminActor } from './admin.ts';
import { audit } from './audit.ts';
import { type AuthDeps, DEFAULT_ROLE, requestAud, requestIp } from './context.ts';
import { jsonResponse, unprocessable } from './errors.ts';
import { deliver, localeFor, type PendingEmail } from './mailer.ts';
import { newOtp, saveToken, tokenHash } from './one-time-tokens.ts';
import { referrer } from './redirect.ts';
import type { BearerClaims } from './tokens.ts';
import { findUserByEmail, findUserById, insertEmailUser, loadedUserJson } from './users.ts';
import { inviteBody, parseBody, validateEmail } from './validation.ts';

export const DUPLICATE_EMAIL = 'A user with this email address has already been registered';

/**
 * POST /invite (service key): GoTrue's Invite. Creates the user without a password (or reuses an
 * unconfirmed one) and mails an invitation whose link, through /verify, confirms the address and
 * signs them in; the app then lets them choose a password.
 */
export async function invite(deps: AuthDeps, req: HttpRequest, claims: BearerClaims): Promise<ApiResponse> {
  const { config, db } = deps.ctx;
  const body = parseBody(req, inviteBody);
  const email = validateEmail(body.email ?? '');
  const aud = requestAud(req, claims);
  const redirectTo = referrer(config.auth, req);
  const existing = await findUserByEmail(db, email, aud);
  const pending: PendingEmail[] = [];

  const user = await db.transaction(async (tx) => {
    let userId: string;
    if (existing) {
      if (existing.row.email_confirmed_at) throw unprocessable('email_exists', DUPLICATE_EMAIL);
      userId = existing.row.id;
    } else {
      userId = await insertEmailUser(tx, { aud, email, passwordHash: '', data: body.data ?? {}, role: DEFAULT_ROLE });
    }
    await audit(tx, adminActor(claims), 'user_invited', requestIp(deps, req), { user_id: userId, user_email: email });
    const code = newOtp(config.auth.email.otpLength);
    const hash = tokenHash(email, code);
    await saveToken(tx, userId, 'confirmation_token', hash, email, 'confirmation_sent_at');
    await tx.query('update auth.users set invited_at = now() where id = $1', [userId]);
    const invited = (await findUserById(tx, userId))!;
    pending.push({ action: 'invite', to: email, code, tokenHash: hash, redirectTo, email, locale: localeFor(req, invited.row.raw_user_meta_data) });
    return invited;
  });
  deliver(deps, pending);
  return jsonResponse(200, loadedUserJson(user));
}
